/** Loyalty page (issue 5); its engineer fills it. */
export default function StoredValuePage() {
  return null;
}
