// CSV cells for every export Vigil writes. Exports are opened in spreadsheets, where a cell beginning with
// = + - @ (or a tab or carriage return, which some spreadsheets skip before reading a formula) is run as a
// formula: text written by platform users or staff (a revoke reason, a statement's free text) could then fetch
// URLs or run commands on the reader's machine. Such cells get a leading single quote, which spreadsheets show as
// text and never evaluate.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: formula-looking text neutralised, then quoted per RFC 4180 when needed (quotes doubled). */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  // A finite number is never a formula, and a negative one must stay a number for whoever reads the file.
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record (without its line end). */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(",");
}
