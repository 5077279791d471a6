// US business days for legal clocks: weekends, federal holidays and their observed days, across DST.
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessDaysAfter,
  federalHolidays,
  isBusinessDay,
} from "../../server/domain/legal/business-days.ts";

describe("federal holidays", () => {
  it("lists 2026's holidays with observed days", () => {
    expect([...federalHolidays(2026).keys()]).toEqual([
      "2026-01-01",
      "2026-01-19",
      "2026-02-16",
      "2026-05-25",
      "2026-06-19",
      "2026-07-03", // July 4 is a Saturday: observed Friday
      "2026-09-07",
      "2026-10-12",
      "2026-11-11",
      "2026-11-26",
      "2026-12-25",
    ]);
  });

  it("observes a Sunday holiday on Monday and a Saturday New Year's Day on the Friday before", () => {
    expect(federalHolidays(2027).has("2027-07-05")).toBe(true); // July 4, 2027 is a Sunday
    expect(federalHolidays(2027).has("2027-12-31")).toBe(true); // Jan 1, 2028 is a Saturday
    expect(federalHolidays(2028).has("2028-01-01")).toBe(false);
    expect(federalHolidays(2020).has("2020-06-19")).toBe(false); // Juneteenth is federal from 2021
  });
});

describe("business days", () => {
  it("skips weekends", () => {
    expect(isBusinessDay({ year: 2026, month: 3, day: 7 })).toBe(false); // Saturday
    expect(addBusinessDays({ year: 2026, month: 3, day: 6 }, 1)).toEqual({ year: 2026, month: 3, day: 9 });
    expect(addBusinessDays({ year: 2026, month: 3, day: 2 }, 10)).toEqual({ year: 2026, month: 3, day: 16 });
  });

  it("skips Thanksgiving and Christmas in a 14-business-day window", () => {
    // From Friday Nov 20, 2026: Thanksgiving (26th), weekends and Christmas (25th) are not counted.
    expect(addBusinessDays({ year: 2026, month: 11, day: 20 }, 10)).toEqual({ year: 2026, month: 12, day: 7 });
    // …and New Year's Day 2027 (a Friday) is skipped too.
    expect(addBusinessDays({ year: 2026, month: 12, day: 14 }, 14)).toEqual({ year: 2027, month: 1, day: 5 });
  });

  it("keeps the wall-clock time in New York across a DST change", () => {
    // Received Friday Feb 27, 2026, 15:30 EST (20:30 UTC); ten business days later is Friday Mar 13, after DST began.
    const due = businessDaysAfter(new Date("2026-02-27T20:30:00Z"), 10);
    expect(due.toISOString()).toBe("2026-03-13T19:30:00.000Z"); // 15:30 EDT
  });

  it("counts from the New York date, not the UTC date", () => {
    // 02:00 UTC on Saturday is still Friday evening in New York.
    const due = businessDaysAfter(new Date("2026-03-07T02:00:00Z"), 1);
    expect(due.toISOString()).toBe("2026-03-10T01:00:00.000Z"); // Monday Mar 9, 21:00 EDT
  });
});
