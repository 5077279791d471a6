// Where the simulator finds the shared secret: --key, then VIGIL_PLATFORM_KEYS (as the server reads it), then the
// demo key the server writes next to its embedded database.
import fs from "node:fs";
import path from "node:path";
import { parsePlatformKeys, type PlatformKey } from "../../server/platform/signature.ts";

export interface ResolvedKeys {
  /** signs the simulator's requests */
  key: PlatformKey;
  /** every key Vigil may sign webhooks with */
  keys: Map<string, string>;
  source: string;
}

export const KEY_FILE_NAME = "platform-keys.txt";

export function resolveKeys(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): ResolvedKeys {
  if (option) return fromList(option, "--key");
  if (env.VIGIL_PLATFORM_KEYS) return fromList(env.VIGIL_PLATFORM_KEYS, "VIGIL_PLATFORM_KEYS");
  const file = path.resolve(cwd, env.VIGIL_DATA_DIR ?? "./data", KEY_FILE_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new Error(
      `No platform key. Pass --key keyId:secret, set VIGIL_PLATFORM_KEYS, or start Vigil once on the embedded database ` +
        `so it writes its demo key to ${display(file, cwd)}.`,
    );
  }
  const entries = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  if (entries.length === 0) throw new Error(`${file} holds no key (expected a line keyId:secret).`);
  return fromList(entries.join(","), display(file, cwd));
}

/** Paths inside the working folder are shown relative to it, others in full. */
function display(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

function fromList(value: string, source: string): ResolvedKeys {
  let keys: Map<string, string>;
  try {
    keys = parsePlatformKeys(value);
  } catch (err) {
    // The parser names the server's variable; say where the value really came from.
    throw new Error(`${source}: ${(err as Error).message.replace(/^VIGIL_PLATFORM_KEYS: /, "")}`);
  }
  const first = keys.entries().next();
  if (first.done) throw new Error(`${source}: no key given (expected keyId:secret).`);
  const [id, secret] = first.value;
  return { key: { id, secret }, keys, source };
}
