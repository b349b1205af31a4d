import type { MemberDto } from '@jiake/shared';

/** Member detail — tiers panel (issue 5); its engineer fills it. */
export function MemberTierPanel(_props: { member: MemberDto }) {
  return null;
}
