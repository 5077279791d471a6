// US business days: weekdays that are not federal holidays (5 U.S.C. § 6103), with the observed-day rule (a
// holiday on a Saturday is observed the Friday before, on a Sunday the Monday after). DMCA § 512(g) counts its
// restore window in business days, so a wrong holiday here is a legal deadline missed.

/** A calendar date without a time or zone. Months are 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const key = (d: CivilDate) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

function weekday(d: CivilDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

function addDays(d: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The n-th given weekday of a month (n = -1: the last one). Weekday 0 = Sunday. */
function nthWeekday(year: number, month: number, dow: number, n: number): CivilDate {
  if (n > 0) {
    const first = weekday({ year, month, day: 1 });
    return { year, month, day: 1 + ((dow - first + 7) % 7) + (n - 1) * 7 };
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = weekday({ year, month, day: lastDay });
  return { year, month, day: lastDay - ((last - dow + 7) % 7) };
}

function observed(d: CivilDate): CivilDate {
  const dow = weekday(d);
  if (dow === 6) return addDays(d, -1);
  if (dow === 0) return addDays(d, 1);
  return d;
}

const cache = new Map<number, Map<string, string>>();

/** Federal holidays observed in a year, date → name. */
export function federalHolidays(year: number): Map<string, string> {
  const cached = cache.get(year);
  if (cached) return cached;
  const list: [CivilDate, string][] = [
    [observed({ year, month: 1, day: 1 }), "New Year's Day"],
    [nthWeekday(year, 1, 1, 3), "Birthday of Martin Luther King, Jr."],
    [nthWeekday(year, 2, 1, 3), "Washington's Birthday"],
    [nthWeekday(year, 5, 1, -1), "Memorial Day"],
    ...(year >= 2021
      ? ([[observed({ year, month: 6, day: 19 }), "Juneteenth National Independence Day"]] as [CivilDate, string][])
      : []),
    [observed({ year, month: 7, day: 4 }), "Independence Day"],
    [nthWeekday(year, 9, 1, 1), "Labor Day"],
    [nthWeekday(year, 10, 1, 2), "Columbus Day"],
    [observed({ year, month: 11, day: 11 }), "Veterans Day"],
    [nthWeekday(year, 11, 4, 4), "Thanksgiving Day"],
    [observed({ year, month: 12, day: 25 }), "Christmas Day"],
  ];
  // New Year's Day of the next year is observed on Dec 31 of this one when it falls on a Saturday.
  const nextNewYear = observed({ year: year + 1, month: 1, day: 1 });
  if (nextNewYear.year === year) list.push([nextNewYear, "New Year's Day (observed)"]);
  const map = new Map(list.filter(([d]) => d.year === year).map(([d, name]) => [key(d), name]));
  cache.set(year, map);
  return map;
}

export function isBusinessDay(d: CivilDate): boolean {
  const dow = weekday(d);
  return dow !== 0 && dow !== 6 && !federalHolidays(d.year).has(key(d));
}

/** The date `n` business days after `d` (the day itself is not counted). */
export function addBusinessDays(d: CivilDate, n: number): CivilDate {
  let current = d;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isBusinessDay(current)) left--;
  }
  return current;
}

// Counter-notice clocks run on the US East Coast, where the Copyright Office's business days are kept.
export const LEGAL_TIME_ZONE = "America/New_York";

function zonedParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** The instant at a wall-clock time in a time zone (DST-aware). */
function zonedInstant(d: CivilDate, hour: number, minute: number, second: number, timeZone: string): Date {
  const guess = Date.UTC(d.year, d.month - 1, d.day, hour, minute, second);
  const p = zonedParts(new Date(guess), timeZone);
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - guess;
  const first = guess - offset;
  // A second pass settles instants next to a DST change.
  const p2 = zonedParts(new Date(first), timeZone);
  const offset2 = Date.UTC(p2.year, p2.month - 1, p2.day, p2.hour, p2.minute, p2.second) - first;
  return new Date(guess - offset2);
}

/** `n` business days after an instant, at the same wall-clock time in the legal time zone. */
export function businessDaysAfter(instant: Date, n: number, timeZone = LEGAL_TIME_ZONE): Date {
  const p = zonedParts(instant, timeZone);
  const due = addBusinessDays({ year: p.year, month: p.month, day: p.day }, n);
  return zonedInstant(due, p.hour, p.minute, p.second, timeZone);
}
