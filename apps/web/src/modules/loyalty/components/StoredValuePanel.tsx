import type { MemberDto } from '@jiake/shared';

/** Member detail — stored-value panel (issue 5); its engineer fills it. */
export function StoredValuePanel(_props: { member: MemberDto }) {
  return null;
}
