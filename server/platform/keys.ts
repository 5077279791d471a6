// Which keys the platform may sign with, and which one signs Vigil's webhooks. On the embedded database without
// VIGIL_PLATFORM_KEYS a demo key is created once and kept in the data folder, so `npm start` gives a working
// platform API out of the box; on PostgreSQL keys must be configured.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PlatformConfig } from "../config.ts";
import type { DatabaseTarget } from "../db/client.ts";
import { parsePlatformKeys, type PlatformKey } from "./signature.ts";

export const DEMO_KEY_FILE = "platform-keys.txt";

export interface ResolvedPlatformKeys {
  keys: Map<string, string>;
  /** signs outgoing webhooks */
  webhookKey: PlatformKey | null;
  /** set when the demo key was created or read from the data folder */
  demoKeyFile: string | null;
}

export function resolvePlatformKeys(platform: PlatformConfig, database: DatabaseTarget): ResolvedPlatformKeys {
  let keys = platform.keys;
  let demoKeyFile: string | null = null;
  if (!keys && database.kind === "pglite" && database.dataDir) {
    demoKeyFile = path.join(database.dataDir, DEMO_KEY_FILE);
    if (!fs.existsSync(demoKeyFile)) {
      fs.mkdirSync(database.dataDir, { recursive: true });
      fs.writeFileSync(demoKeyFile, `demo:${crypto.randomBytes(24).toString("hex")}\n`, { mode: 0o600 });
    }
    keys = parsePlatformKeys(fs.readFileSync(demoKeyFile, "utf8").trim());
  }
  keys ??= new Map();
  const webhookKeyId = platform.webhookKeyId ?? keys.keys().next().value ?? null;
  if (platform.webhookKeyId && !keys.has(platform.webhookKeyId)) {
    throw new Error(
      `Invalid configuration:\n  VIGIL_WEBHOOK_KEY_ID: "${platform.webhookKeyId}" is not one of VIGIL_PLATFORM_KEYS`,
    );
  }
  return { keys, webhookKey: webhookKeyId ? { id: webhookKeyId, secret: keys.get(webhookKeyId)! } : null, demoKeyFile };
}
