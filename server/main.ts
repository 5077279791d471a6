// `npm start`: the console on http://localhost:3000 (PORT), on the embedded database unless DATABASE_URL is set.
// VIGIL_ROLE=web serves the console without the background loops, VIGIL_ROLE=worker (`npm run worker`) runs
// the loops without HTTP; the default, all, does both.
import { loadConfig } from "./config.ts";
import { createLogger } from "./lib/logger.ts";
import { startServer } from "./boot.ts";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const log = createLogger(config.logLevel);
  const server = await startServer(config, log, { version: process.env.npm_package_version });
  if (server.url === null) {
    log.info(
      { role: server.role, loops: server.workers?.names, database: server.db.kind, location: server.db.location },
      "Vigil worker is running",
    );
    process.stdout.write(
      `\n  Vigil worker: ${server.workers?.names.length ?? 0} background loops, no HTTP   (database: ${server.db.kind})\n\n`,
    );
  } else {
    log.info(
      { url: server.url, role: server.role, database: server.db.kind, location: server.db.location },
      "Vigil is listening",
    );
    const lines = [
      `\n  Vigil console: ${server.url}   (database: ${server.db.kind}${server.role === "web" ? "; background loops run in worker processes" : ""})`,
    ];
    if (server.demoCredentials) {
      lines.push("  Demo sign-in:");
      for (const c of server.demoCredentials)
        lines.push(`    ${c.role.padEnd(10)} ${c.email.padEnd(24)} ${c.password}`);
    }
    if (server.demoPlatformKey) {
      lines.push(`  Platform API key (demo, kept in the data folder): ${server.demoPlatformKey}`);
      lines.push("  Try the platform simulator: npm run simulate");
    }
    process.stdout.write(`${lines.join("\n")}\n\n`);
  }

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    server.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
