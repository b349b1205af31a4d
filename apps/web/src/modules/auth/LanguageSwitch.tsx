import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../shared/auth/me';
import { LOCALES, type Locale, applyLocale, isLocale } from '../../shared/i18n';
import { useSetLocale } from './api';

/** 中文 / EN; signed-in users keep the choice on their account too. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const setLocale = useSetLocale();
  const current: Locale = isLocale(i18n.language) ? i18n.language : 'zh-CN';
  const change = (l: Locale) => {
    if (me) setLocale.mutate(l);
    else void applyLocale(l);
  };
  return (
    <Segmented<Locale>
      size="small"
      value={current}
      onChange={change}
      options={LOCALES.map((l) => ({ value: l, label: t(`common:language.${l}`) }))}
      data-testid="language-switch"
    />
  );
}
