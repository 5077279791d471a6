// What the simulator prints: one status line a second, and a summary by type at the end.
import type { MatchCheckStats } from "./match-check.ts";
import type { Receiver } from "./receiver.ts";
import type { SenderStats } from "./sender.ts";
import type { Traffic } from "./traffic.ts";

export interface StatusSources {
  traffic: Traffic;
  sender: Readonly<SenderStats>;
  receiver?: Receiver;
  /** the upload check against Vigil's match API, when it is on */
  matchCheck?: Readonly<MatchCheckStats>;
}

export function statusLine(elapsedMs: number, { sender, receiver, matchCheck }: StatusSources): string {
  const parts = [
    `${formatElapsed(elapsedMs)}`,
    `sent ${sender.sent}`,
    `accepted ${sender.accepted}`,
    `duplicates ${sender.duplicates}`,
    `retries ${sender.retries}`,
    `errors ${sender.errors}`,
  ];
  if (matchCheck) parts.push(`| ${describeMatchCheck(matchCheck)}`);
  if (receiver) {
    const r = receiver.stats;
    parts.push(
      `| webhooks ${r.received} received, ${r.acknowledged} acknowledged, ${r.refused + r.badSignature + r.invalid} refused`,
    );
    const automated = describeAutomated(r.automated);
    if (automated) parts.push(automated);
    if (r.orderingViolations.length > 0) parts.push(`${r.orderingViolations.length} OUT OF ORDER`);
  }
  if (sender.retrying && sender.lastError) parts.push(`| retrying: ${sender.lastError}`);
  return parts.join("  ");
}

export function summary(elapsedMs: number, sources: StatusSources): string[] {
  const { traffic, sender, receiver, matchCheck } = sources;
  const lines = [
    `Done in ${formatElapsed(elapsedMs)}: ${traffic.generated} events generated, ${sender.sent} sent, ${sender.accepted} accepted, ` +
      `${sender.duplicates} duplicates, ${sender.requests} requests, ${sender.retries} retries, ${sender.errors} errors.`,
    "Events by type:",
    ...table(traffic.byType),
  ];
  if (matchCheck)
    lines.push(
      `Upload check: ${describeMatchCheck(matchCheck)}${matchCheck.lastError ? ` (last failure: ${matchCheck.lastError})` : ""}.`,
    );
  if (receiver) {
    const r = receiver.stats;
    lines.push(
      `Webhooks: ${r.received} received, ${r.acknowledged} acknowledged (${r.duplicates} repeats), ${r.refused} refused on purpose, ` +
        `${r.badSignature} bad signatures, ${r.invalid} invalid, ${r.unknownSubjects} about subjects this run did not create.`,
    );
    if (Object.keys(r.byType).length > 0) lines.push("Decisions applied by type:", ...table(r.byType));
    if (Object.keys(r.automated).length > 0)
      lines.push("Automated decisions received (statement of reasons: automated decision):", ...table(r.automated));
    for (const v of r.orderingViolations.slice(0, 20))
      lines.push(`OUT OF ORDER ${v.subject}: ${v.eventId} ${v.problem}`);
  }
  return lines;
}

function describeMatchCheck(m: Readonly<MatchCheckStats>): string {
  return `uploads checked ${m.checked}, refused ${m.refused}, held ${m.held}, check failures ${m.failed}`;
}

/** e.g. "automated take-downs 3, automated holds 1" */
function describeAutomated(automated: Readonly<Record<string, number>>): string {
  const take = automated["post.taken_down"] ?? 0;
  const hold = automated["post.held"] ?? 0;
  const other = Object.entries(automated)
    .filter(([type]) => type !== "post.taken_down" && type !== "post.held")
    .reduce((n, [, count]) => n + count, 0);
  const parts = [
    take ? `automated take-downs received ${take}` : "",
    hold ? `automated holds received ${hold}` : "",
    other ? `other automated decisions ${other}` : "",
  ].filter(Boolean);
  return parts.join(", ");
}

function table(counts: Readonly<Record<string, number>>): string[] {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  return entries.map(([k, n]) => `  ${k.padEnd(width)}  ${String(n).padStart(7)}`);
}

function formatElapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`
    : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
