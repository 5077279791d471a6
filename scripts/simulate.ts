// `npm run simulate`: plays the platform against a running Vigil. It sends a growing world of accounts, posts and
// cameos plus the signals about them, and receives Vigil's decisions on a webhook, so the whole loop can be
// watched (and load-tested) without a real platform.
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import path from "node:path";
import { startMediaHost, type MediaHost } from "./simulator/media-host.ts";
import { resolveKeys } from "./simulator/keys.ts";
import { parseWebhookMode, startReceiver, type Receiver } from "./simulator/receiver.ts";
import { createMatchCheck } from "./simulator/match-check.ts";
import { startSimulation } from "./simulator/run.ts";
import { BatchRefusedError, ServerUnreachableError } from "./simulator/sender.ts";
import { statusLine, summary } from "./simulator/status.ts";
import { createTraffic } from "./simulator/traffic.ts";

const USAGE = `Usage: npm run simulate -- [options]

Sends simulated platform traffic to Vigil's ingest API and receives its webhooks.

  --url URL            Vigil's address (default http://localhost:3000)
  --rate N             events per second (default 50)
  --duration S         seconds to run; 0 = until Ctrl-C (default 60)
  --batch N            most events per request, 1-1000 (default 100)
  --seed N             seed for the generated world; the same seed gives the same traffic (default 1)
  --run TAG            tag in every id and handle (letters and digits; default: random), so runs against the
                       same Vigil never collide; repeat a tag to replay a run (its events become duplicates)
  --key ID:SECRET      platform key (default: VIGIL_PLATFORM_KEYS, else <VIGIL_DATA_DIR or ./data>/platform-keys.txt)
  --webhook MODE       up (default), down, down:S (down for the first S seconds), flaky (refuses ~30%), off
  --webhook-port N     port of the webhook receiver (default 4100)
  --media on|off       serve real clips as the platform's media host and send their URLs (default on)
  --media-port N       port of the media host (default 4200)
  --match-check on|off look each upload's file hash up with Vigil's POST /api/v1/match first and refuse it
                       when a bank takes down or holds it; a failed lookup is counted and the post is sent
                       (default off: every lookup is one more request under the ingest rate limit)
  --give-up S          stop when Vigil has not taken a batch for S seconds; 0 = never (default 120)
  -h, --help           this text

Exit codes: 0 done (or stopped with Ctrl-C), 1 Vigil refused a batch, 2 bad options or no key,
3 Vigil unreachable, 4 webhooks arrived out of order.`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function number(name: string, value: string, min: number, max: number, integer = true): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    fail(
      `--${name} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max} (got "${value}")\n\n${USAGE}`,
    );
  }
  return n;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: "string", default: "http://localhost:3000" },
        rate: { type: "string", default: "50" },
        duration: { type: "string", default: "60" },
        batch: { type: "string", default: "100" },
        seed: { type: "string", default: "1" },
        run: { type: "string" },
        key: { type: "string" },
        webhook: { type: "string", default: "up" },
        "webhook-port": { type: "string", default: "4100" },
        media: { type: "string", default: "on" },
        "media-port": { type: "string", default: "4200" },
        "give-up": { type: "string", default: "120" },
        "match-check": { type: "string", default: "off" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!URL.canParse(values.url) || !/^https?:$/.test(new URL(values.url).protocol))
    fail(`--url must be an http(s) URL (got "${values.url}")`);
  const rate = number("rate", values.rate, 0.01, 1_000_000, false);
  const durationSeconds = number("duration", values.duration, 0, 31_536_000, false);
  const batchSize = number("batch", values.batch, 1, 1_000);
  const seed = number("seed", values.seed, 0, 2 ** 32 - 1);
  const webhookPort = number("webhook-port", values["webhook-port"], 0, 65_535);
  const giveUpSeconds = number("give-up", values["give-up"], 0, 31_536_000, false);
  if (values.run !== undefined && !/^[A-Za-z0-9]{1,16}$/.test(values.run))
    fail(`--run must be 1-16 letters or digits (got "${values.run}")`);
  const run = values.run ?? crypto.randomBytes(4).readUInt32BE(0).toString(36).slice(0, 5);
  let mode;
  let keys;
  try {
    mode = parseWebhookMode(values.webhook);
    keys = resolveKeys(values.key);
  } catch (err) {
    fail((err as Error).message);
  }

  if (values.media !== "on" && values.media !== "off") fail(`--media must be on or off (got "${values.media}")`);
  const mediaPort = number("media-port", values["media-port"], 0, 65_535);
  let mediaHost: MediaHost | undefined;
  if (values.media === "on") {
    try {
      mediaHost = await startMediaHost({ port: mediaPort, dir: path.resolve("data", "simulator-clips") });
    } catch (err) {
      fail(`Cannot serve media on port ${mediaPort}: ${(err as Error).message} (use --media-port, or --media off)`);
    }
    console.log(
      `Media host serving ${mediaHost.clips} clips. Configure Vigil with:\n  VIGIL_MEDIA_ORIGINS=${mediaHost.origin}`,
    );
  }
  if (values["match-check"] !== "on" && values["match-check"] !== "off")
    fail(`--match-check must be on or off (got "${values["match-check"]}")`);
  const matchCheck = values["match-check"] === "on" ? createMatchCheck({ url: values.url, key: keys.key }) : undefined;
  const traffic = createTraffic(seed, { run, mediaUrl: mediaHost?.urlFor });
  console.log(`Vigil platform simulator → ${values.url} (key "${keys.key.id}" from ${keys.source})`);
  console.log(
    `seed ${seed}, run ${run}: ${rate} events/s ${durationSeconds > 0 ? `for ${durationSeconds} s` : "until Ctrl-C"}, up to ${batchSize} per request`,
  );

  let receiver: Receiver | undefined;
  if (mode.kind !== "off") {
    try {
      receiver = await startReceiver({ port: webhookPort, keys: keys.keys, mode, seed, world: traffic.world });
    } catch (err) {
      fail(
        `Cannot start the webhook receiver on port ${webhookPort}: ${(err as Error).message} (use --webhook-port, or --webhook off)`,
      );
    }
    const how =
      mode.kind === "down" ? (mode.forSeconds ? `down for ${mode.forSeconds} s, then up` : "down") : mode.kind;
    console.log(
      `Webhook receiver (${how}) listening. Configure Vigil with:\n  VIGIL_PLATFORM_WEBHOOK_URL=${receiver.url}`,
    );
  }
  await preflight(values.url, giveUpSeconds);

  const stop = new AbortController();
  const abort = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) abort.abort(new Error("Stopped."));
    else {
      stop.abort();
      process.stderr.write("\nStopping: sending what is left (Ctrl-C again to quit at once)\n");
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const sim = startSimulation({
    url: values.url,
    key: keys.key,
    rate,
    durationSeconds,
    batchSize,
    seed,
    traffic,
    stop: stop.signal,
    abort: abort.signal,
    sender: { giveUpAfterMs: giveUpSeconds * 1000 },
    matchCheck,
  });
  const started = Date.now();
  const tty = process.stdout.isTTY;
  const print = (final = false) => {
    const line = statusLine(Date.now() - started, {
      traffic,
      sender: sim.sender.stats,
      receiver,
      matchCheck: matchCheck?.stats,
    });
    if (tty) process.stdout.write(`\r\x1b[2K${line.slice(0, (process.stdout.columns || 120) - 1)}${final ? "\n" : ""}`);
    else console.log(line);
  };
  const ticker = setInterval(print, 1_000);

  let code = 0;
  try {
    await sim.done;
  } catch (err) {
    if (err instanceof BatchRefusedError) {
      code = 1;
      console.error(`\n${err.message}`);
      const errors =
        (err.body as { errors?: { index: number | null; path: string; message: string }[] } | null)?.errors ?? [];
      for (const e of errors.slice(0, 20)) {
        const event = e.index === null ? undefined : err.events[e.index];
        console.error(
          `  event ${e.index ?? "-"}${event ? ` (${event.id}, ${event.type})` : ""} ${e.path}: ${e.message}`,
        );
      }
      if (err.status === 401)
        console.error("Check that --key (or VIGIL_PLATFORM_KEYS) matches a key Vigil has in VIGIL_PLATFORM_KEYS.");
      if (err.status === 404)
        console.error(
          `Nothing answers at ${new URL("/api/v1/events", values.url).toString()}: is --url a Vigil server?`,
        );
    } else if (err instanceof ServerUnreachableError) {
      code = 3;
      console.error(`\n${err.message}`);
    } else if (!abort.signal.aborted) {
      throw err;
    }
  } finally {
    clearInterval(ticker);
  }
  print(true);
  for (const line of summary(Date.now() - started, {
    traffic,
    sender: sim.sender.stats,
    receiver,
    matchCheck: matchCheck?.stats,
  }))
    console.log(line);
  await receiver?.close();
  await mediaHost?.close();
  if (code === 0 && receiver && receiver.stats.orderingViolations.length > 0) code = 4;
  return code;
}

/** Says early whether Vigil is there, instead of leaving the user to read retry counters. */
async function preflight(url: string, giveUpSeconds: number): Promise<void> {
  try {
    const res = await fetch(new URL("/healthz", url), { signal: AbortSignal.timeout(3_000) });
    await res.body?.cancel();
    if (!res.ok) console.log(`Vigil answered /healthz with HTTP ${res.status}; sending anyway.`);
  } catch {
    console.log(
      `Vigil is not answering at ${url} yet; retrying${giveUpSeconds > 0 ? ` for up to ${giveUpSeconds} s` : ""}.`,
    );
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
