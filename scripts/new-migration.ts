// `npm run db:migration:new -- <name>`: writes prisma/migrations/<NNNN>_<name>/migration.sql with the SQL that
// takes the schema snapshot kept in the newest migration folder to the current prisma/schema.prisma, and moves
// the snapshot into the new folder (see scripts/schema-snapshot.ts).
import path from "node:path";
import { ROOT, writeMigration } from "./schema-snapshot.ts";

async function main() {
  const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
  if (!name) throw new Error("Usage: npm run db:migration:new -- <name>");
  const dir = await writeMigration(name);
  if (!dir) {
    console.log("The schema matches the newest migration; nothing to write.");
    return;
  }
  console.log(
    `Wrote ${path.relative(ROOT, dir)}/migration.sql — review it (and add what Prisma cannot express) before committing.`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
