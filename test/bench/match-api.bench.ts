// The platform's match API at 1,000,000 banked frame hashes: signed one-frame POST /api/v1/match (signal_type
// pdq, each a banked frame 6 bits off, so every answer describes a hit) over real HTTP on localhost, p95. The
// client is node's http with one kept-alive connection, as a platform making many calls would hold (fetch adds
// about a millisecond of its own a call here, the client's cost, not the API's).
//
// Baseline: the same signed POST of a banked file's SHA-256, which PostgreSQL answers through its B-tree on the
// hash: the same route, signature check, body parsing, validation and describing of the hit, with the cheapest
// lookup Vigil has in place of the PDQ index. A trivial endpoint (GET /healthz, the unsigned OpenAPI document)
// would leave out the signature and the match route's own work, so its floor would be lower than any match can be.
// The calls alternate, so load from elsewhere on the machine falls on both alike.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { createApp } from "../../server/http/app.ts";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { signedHeaders } from "../../server/platform/signature.ts";
import { pairedMs, type Measure } from "./support.ts";
import {
  EXACT_BANK_SIZE,
  FRAME_BANK_NAME,
  FRAME_BANK_SIZE,
  bankedFrameHex,
  bankedItemId,
  ensureFrameBank,
  loadedIndex,
} from "./hash-scan.bench.ts";

const KEY = { id: "bench", secret: "bench-secret-bench-secret" };
const RUNS = Number(process.env.BENCH_MATCH_API_RUNS ?? 300);
const PATH = "/api/v1/match";

/** The banked frame i with two bits flipped in each of three hex digits in different chunks (6 bits off). */
function nearFrame(i: number): string {
  const hex = bankedFrameHex(i).split("");
  for (const [at, mask] of [
    [63, 3],
    [29, 5],
    [6, 9],
  ] as const)
    hex[at] = (parseInt(hex[at]!, 16) ^ mask).toString(16);
  return hex.join("");
}

const bankedFile = (i: number) => createHash("sha256").update(`bx${i}`).digest("hex");

export const measures: Measure[] = [
  {
    name: "match_api_p95_ms",
    async run(ctx) {
      await ensureFrameBank(ctx);
      await loadedIndex(ctx);
      const app = createApp({
        db: ctx.db,
        auth: DEFAULT_AUTH_CONFIG,
        log: silentLogger,
        now: () => new Date(),
        clientDir: null,
        platformKeys: new Map([[KEY.id, KEY.secret]]),
        ingestRequestsPerMinute: 1_000_000,
      });
      const server = http.createServer(app);
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const port = (server.address() as AddressInfo).port;
      // the platform's side: one kept-alive connection, as a client making many calls holds one
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const request = (method: string, path: string, headers: http.OutgoingHttpHeaders, body?: string) =>
        new Promise<{ status: number; json: unknown }>((resolve, reject) => {
          const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent }, (res) => {
            const parts: Buffer[] = [];
            res.on("data", (d: Buffer) => parts.push(d));
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString("utf8")) }),
            );
            res.on("error", reject);
          });
          req.on("error", reject);
          req.end(body);
        });
      const match = async (body: string) => {
        const res = await request(
          "POST",
          PATH,
          {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            ...signedHeaders(KEY, { method: "POST", path: PATH, body }, new Date()),
          },
          body,
        );
        const json = res.json as Record<string, { bank_content_id: string; distance: number }[]>;
        if (res.status !== 200) throw new Error(`match_api_p95_ms: ${res.status} ${JSON.stringify(json)}`);
        return json[FRAME_BANK_NAME] ?? [];
      };
      // frames spread over the bank, one lookup each
      const frameAt = (i: number) => (i * 7919 + 13) % FRAME_BANK_SIZE;
      try {
        const [pdqMatch, fileMatch] = [
          async (i: number) => {
            const hits = await match(JSON.stringify({ signal_type: "pdq", signal: nearFrame(frameAt(i)) }));
            if (hits.length !== 1 || hits[0]!.bank_content_id !== bankedItemId(frameAt(i)) || hits[0]!.distance !== 6)
              throw new Error(`match_api_p95_ms: frame ${frameAt(i)} finds ${JSON.stringify(hits)}`);
          },
          async (i: number) => {
            const hits = await match(
              JSON.stringify({ signal_type: "sha256", signal: bankedFile(i % EXACT_BANK_SIZE) }),
            );
            if (hits.length !== 1 || hits[0]!.distance !== 0)
              throw new Error(`match_api_p95_ms: file ${i % EXACT_BANK_SIZE} finds ${JSON.stringify(hits)}`);
          },
        ];
        const median = await pairedMs(pdqMatch, fileMatch, { runs: 100, warmup: 30 });
        ctx.log(`bench: match API medians: pdq ${median.value.toFixed(2)} ms, sha256 ${median.baseline.toFixed(2)} ms`);
        const t = await pairedMs(pdqMatch, fileMatch, { runs: RUNS, warmup: 10, quantile: 0.95 });
        // for scale: the unsigned health check (two small queries) on the same server
        const health: number[] = [];
        for (let i = 0; i < 100; i++) {
          const started = performance.now();
          await request("GET", "/healthz", {});
          health.push(performance.now() - started);
        }
        health.sort((a, b) => a - b);
        ctx.log(`bench: GET /healthz: median ${health[50]!.toFixed(2)} ms, p95 ${health[95]!.toFixed(2)} ms`);
        return t;
      } finally {
        agent.destroy();
        await new Promise<void>((r) => server.close(() => r()));
      }
    },
  },
];
