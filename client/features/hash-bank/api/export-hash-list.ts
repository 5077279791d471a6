export const HASH_LIST_EXPORT_PATH = "/hash-lists/export";

/** Where a bank downloads as a CSV hash list (signal_type,value); the server streams and audits it. */
export function hashListExportHref(bankId: string): string {
  return `${HASH_LIST_EXPORT_PATH}?${new URLSearchParams({ bankId }).toString()}`;
}
