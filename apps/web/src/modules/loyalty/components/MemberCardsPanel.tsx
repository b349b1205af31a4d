import type { MemberDto } from '@jiake/shared';

/** Member detail — cards panel (issue 5); its engineer fills it. */
export function MemberCardsPanel(_props: { member: MemberDto }) {
  return null;
}
