// App accounts: a small founding cohort, then growth that speeds up towards `now`, as invite waves open.
import { COUNTRIES, displayName, handleFor } from "./prompts.ts";
import { DAY, padId, type Rng } from "./random.ts";
import type { AccountRow } from "./world.ts";

export interface Reporter {
  accountId: string;
  /** chance a report of theirs leads to action: some reporters are careful, some report everything */
  accuracy: number;
  /** relative share of all reports they file */
  activity: number;
}

export interface AccountsResult {
  accounts: AccountRow[];
  reporters: Reporter[];
  founders: number;
}

export function buildAccounts(rng: Rng, now: Date, count: number): AccountsResult {
  const founders = Math.max(10, Math.round(count * 0.03));
  const nowMs = now.getTime();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i < founders) {
      times.push(nowMs - rng.float(180, 200) * DAY);
    } else {
      // density rising linearly towards now: sqrt of a uniform draw
      const t = Math.sqrt(rng.next());
      times.push(nowMs - (170 - 169 * t) * DAY - rng.float(0, DAY));
    }
  }
  times.sort((a, b) => a - b);

  const used = new Set<string>();
  const accounts: AccountRow[] = [];
  const reporters: Reporter[] = [];
  for (let i = 0; i < count; i++) {
    const name = displayName(rng);
    let handle = handleFor(rng, name).slice(0, 24);
    while (used.has(handle)) handle = `${handleFor(rng, name).slice(0, 20)}${rng.int(2, 999)}`;
    used.add(handle);
    const id = padId("acc", i + 1);
    const createdAt = new Date(times[i]!);

    let reportsFiled = 0;
    let reportsActioned = 0;
    if (rng.chance(0.35)) {
      const accuracy = rng.weighted([
        [rng.float(0.6, 0.95), 3],
        [rng.float(0.25, 0.6), 4],
        [rng.float(0.02, 0.2), 2],
      ] as const);
      const activity = rng.pareto(1, 1.3, 200);
      reporters.push({ accountId: id, accuracy, activity });
      // history from before the console's records start
      reportsFiled = rng.pareto(1, 1.2, 300) - 1;
      reportsActioned = Math.round(reportsFiled * accuracy);
    }

    accounts.push({
      id,
      handle,
      // A reserved domain: demo notices to uploaders are written to files, never delivered.
      email: `${handle}@users.example`,
      displayName: name,
      country: rng.weighted(COUNTRIES),
      status: "active",
      strikeCount: rng.chance(0.06) ? rng.int(1, 2) : 0,
      reportsFiled,
      reportsActioned,
      createdAt,
    });
  }
  reporters.sort((a, b) => b.activity - a.activity);
  return { accounts, reporters, founders };
}

/** Suspends and bans a few accounts; the moderation history that explains it is written by moderation.ts. */
export function pickSanctioned(rng: Rng, accounts: AccountRow[], founders: number) {
  const candidates = accounts.slice(founders);
  const picked = rng.sample(candidates, Math.round(accounts.length * 0.025));
  const banned = picked.slice(0, Math.ceil(picked.length / 4));
  const suspended = picked.slice(banned.length);
  return { banned, suspended };
}

export function pickReporter(rng: Rng, reporters: Reporter[], exclude: Set<string>): Reporter {
  for (let attempt = 0; attempt < 20; attempt++) {
    const r = reporters[rng.skewedIndex(reporters.length, 1.8)]!;
    if (!exclude.has(r.accountId)) return r;
  }
  return reporters.find((r) => !exclude.has(r.accountId)) ?? reporters[0]!;
}
