// Numbers and times as a reviewer reads them: short, relative, and explicit about what is overdue.

const numberFormat = new Intl.NumberFormat("en-US");
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "45s", "12m", "3h 20m", "4d 2h": compact enough for a table cell. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const m = minutes % 60;
    return m ? `${hours}h ${m}m` : `${hours}h`;
  }
  const days = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${days}d ${h}h` : `${days}d`;
}

export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

export function ageSeconds(since: string | Date, now: Date = new Date()): number {
  return (now.getTime() - toDate(since).getTime()) / 1000;
}

export interface Deadline {
  label: string;
  isOverdue: boolean;
  /** under a quarter of a day left: worth a second look */
  isDueSoon: boolean;
}

/** "in 3h 20m" or "overdue by 2h". */
export function describeDeadline(due: string | Date, now: Date = new Date()): Deadline {
  const seconds = (toDate(due).getTime() - now.getTime()) / 1000;
  if (seconds < 0) return { label: `overdue by ${formatDuration(-seconds)}`, isOverdue: true, isDueSoon: false };
  return { label: `in ${formatDuration(seconds)}`, isOverdue: false, isDueSoon: seconds < 6 * 3600 };
}

export function formatDateTime(value: string | Date): string {
  return dateTimeFormat.format(toDate(value));
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? "—" : score.toFixed(2);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** snake_case enum values as words: "take_it_down" → "Take it down". */
export function humanize(value: string): string {
  const words = value.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function pluralize(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
