// The platform's upload check: before a post goes out, its file hash is looked up with Vigil's signed
// `POST /api/v1/match`, and an upload matching a bank that takes down (or holds) is refused on the platform's
// side. The check is advisory: when Vigil answers an error, is rate limited or does not answer in time, the
// upload goes ahead and the failure is counted, so the platform never stops because Vigil is down.
import type { EventOf } from "../../server/contracts/platform-events.ts";
import type { MatchResponseValues } from "../../server/contracts/hash-match.ts";
import { signedHeaders, type PlatformKey } from "../../server/platform/signature.ts";

export interface MatchCheckOptions {
  /** Vigil's base URL */
  url: string;
  key: PlatformKey;
  /** per lookup; an answer later than this counts as a failure (default 2 s) */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  now?: () => Date;
}

export interface MatchCheckStats {
  /** uploads looked up */
  checked: number;
  /** refused: a bank that takes down matched */
  refused: number;
  /** refused as held: a bank that holds pending review matched */
  held: number;
  /** lookups that failed (error answer, timeout, network); those uploads were posted anyway */
  failed: number;
  lastError: string | null;
}

/** allowed: post it; refused / held: the platform keeps it off; failed: no answer, posted anyway */
export type MatchVerdict = "allowed" | "refused" | "held" | "failed";

export interface MatchCheck {
  check(post: EventOf<"post.published">["data"]): Promise<MatchVerdict>;
  readonly stats: Readonly<MatchCheckStats>;
}

const SHA256 = /^[0-9a-f]{64}$/i;

export function createMatchCheck(options: MatchCheckOptions): MatchCheck {
  const endpointUrl = new URL("/api/v1/match", options.url);
  const endpointPath = `${endpointUrl.pathname}${endpointUrl.search}`;
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 2_000;
  const stats: MatchCheckStats = { checked: 0, refused: 0, held: 0, failed: 0, lastError: null };

  const failed = (error: string): MatchVerdict => {
    stats.failed++;
    stats.lastError = error;
    return "failed";
  };

  async function lookup(body: string): Promise<MatchResponseValues | string> {
    try {
      const res = await fetchImpl(endpointUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...signedHeaders(options.key, { method: "POST", path: endpointPath, body }, now()),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      if (!res.ok) return `HTTP ${res.status}`;
      const json = JSON.parse(text) as unknown;
      return json && typeof json === "object" && !Array.isArray(json)
        ? (json as MatchResponseValues)
        : "not a match answer";
    } catch (err) {
      return err instanceof Error && err.name === "TimeoutError" ? "timed out" : "no answer";
    }
  }

  return {
    stats,
    async check(post) {
      // The file hash the platform computed at upload; without one there is nothing to look up.
      if (!post.contentHash || !SHA256.test(post.contentHash)) return "allowed";
      stats.checked++;
      const answer = await lookup(JSON.stringify({ signal_type: "sha256", signal: post.contentHash.toLowerCase() }));
      if (typeof answer === "string") return failed(answer);
      const actions = new Set(
        Object.values(answer)
          .flat()
          .map((m) => m?.action),
      );
      // A safe bank's match is answered alone, as `suppress`: a known false positive, posted as usual.
      if (actions.has("take_down")) {
        stats.refused++;
        return "refused";
      }
      if (actions.has("hold")) {
        stats.held++;
        return "held";
      }
      return "allowed";
    },
  };
}
