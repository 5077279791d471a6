// `npm run create-admin -- --email you@example.com [--name "Your Name"]`
// Creates the first admin of a real deployment. The password is asked for on a terminal, or read from stdin.
import readline from "node:readline";
import { loadConfig } from "../server/config.ts";
import { ensurePostgresDatabase, openDatabase } from "../server/db/client.ts";
import { migrate } from "../server/db/migrate.ts";
import { createStaffUser } from "../server/domain/staff/staff-users.ts";
import { resolveAuditSeal, setAuditSeal } from "../server/domain/audit/audit-seal.ts";
import { lockDataDir } from "../server/boot.ts";
import { createLogger } from "../server/lib/logger.ts";
import { PASSWORD_MIN_LENGTH } from "../server/domain/auth/password.ts";

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = "";
    for await (const chunk of process.stdin) data += chunk;
    return data.split(/\r?\n/)[0] ?? "";
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(q);
      // Echo nothing while the password is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
      rl.question("", (answer) => {
        process.stdout.write("\n");
        resolve(answer);
      });
    });
  const first = await ask("Password: ");
  const second = await ask("Repeat password: ");
  rl.close();
  if (first !== second) throw new Error("The passwords do not match.");
  return first;
}

async function main() {
  const email = argValue("email");
  if (!email) throw new Error('Usage: npm run create-admin -- --email you@example.com [--name "Your Name"]');
  const name = argValue("name") ?? email.split("@")[0]!;
  const password = await readPassword();
  if (password.length < PASSWORD_MIN_LENGTH)
    throw new Error(`password: use at least ${PASSWORD_MIN_LENGTH} characters.`);

  const config = loadConfig();
  setAuditSeal(resolveAuditSeal(config.audit, config.database));
  const unlock =
    config.database.kind === "pglite" && config.database.dataDir
      ? lockDataDir(config.database.dataDir, createLogger("warn"))
      : () => {};
  if (config.database.kind === "postgresql") await ensurePostgresDatabase(config.database.url);
  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    const user = await createStaffUser(
      db,
      { email, displayName: name, role: "admin", password },
      { actorType: "system" },
    );
    process.stdout.write(`Created admin ${user.email} (${user.id}).\n`);
  } finally {
    await db.close();
    unlock();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
