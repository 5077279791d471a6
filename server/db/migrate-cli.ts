// `npm run db:migrate`: applies pending migrations to the configured database (DATABASE_URL or the embedded one).
import { loadConfig } from "../config.ts";
import { ensurePostgresDatabase, openDatabase } from "./client.ts";
import { migrate } from "./migrate.ts";
import { lockDataDir } from "../boot.ts";
import { createLogger } from "../lib/logger.ts";

async function main() {
  const config = loadConfig();
  const unlock =
    config.database.kind === "pglite" && config.database.dataDir
      ? lockDataDir(config.database.dataDir, createLogger("warn"))
      : () => {};
  try {
    if (config.database.kind === "postgresql") await ensurePostgresDatabase(config.database.url);
    const db = await openDatabase(config.database);
    try {
      const applied = await migrate(db);
      console.log(
        applied.length ? `Applied ${applied.join(", ")} to ${db.location}.` : `${db.location} is up to date.`,
      );
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
