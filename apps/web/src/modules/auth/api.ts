import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@jiake/shared';
import { api } from '../../shared/api/client';
import { ME_KEY } from '../../shared/api/query-client';
import { type Locale, applyLocale, storedLocale } from '../../shared/i18n';

interface LoginInput {
  tenant: string;
  username: string;
  password: string;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginInput) => api.post<{ user: Me['user'] }>('/auth/login', body),
    meta: { silentError: true },
    onSuccess: async (res) => {
      if (!storedLocale() && (res.user.locale === 'zh-CN' || res.user.locale === 'en-US')) await applyLocale(res.user.locale);
      await qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}

/** Switch language here and remember it on the user (PATCH /auth/me) and in this browser. */
export function useSetLocale() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (locale: Locale) => {
      await applyLocale(locale);
      qc.setQueryData<Me | null>(ME_KEY, (me) => (me ? { ...me, user: { ...me.user, locale } } : me));
      await api.patch('/auth/me', { locale });
    },
    meta: { silentError: true },
  });
}
