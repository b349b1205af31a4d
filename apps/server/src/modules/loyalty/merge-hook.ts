/** When customers merge, the membership moves with them. Settlement/notices engineer: implement. */
export function registerMergeHook() {}
