// The order of the case list a reviewer opened a case from, so "j" in the case view moves to the next row of that
// same list. Kept for the browser tab only (sessionStorage), like the list's own state in its URL.
const KEY = "vigil.caseOrder";
const MAX_IDS = 2_000;

export function rememberCaseOrder(caseIds: readonly string[]): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(caseIds.slice(0, MAX_IDS)));
  } catch {
    // Storage full or disabled: "j" falls back to claiming the next case.
  }
}

/** The case after `caseId` in the remembered list, or null when it is the last one or the list is unknown. */
export function caseAfter(caseId: string): string | null {
  try {
    const ids: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? "[]");
    if (!Array.isArray(ids)) return null;
    const index = ids.indexOf(caseId);
    const next: unknown = index >= 0 ? ids[index + 1] : undefined;
    return typeof next === "string" ? next : null;
  } catch {
    return null;
  }
}
