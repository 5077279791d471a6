// Whether prisma/schema.prisma, the migrations and the schema snapshot describe one database. The migrations run
// through Vigil's own runner on a fresh PGlite (migrated-pglite.prisma.config.ts), Prisma introspects the result,
// and Prisma's datamodel diff compares it with the schema: any SQL in that diff is a disagreement. What Prisma cannot express (check constraints,
// partial and expression indexes) is invisible to both sides and is not compared.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { datamodelDiff, findSnapshot, prismaCli, ROOT } from "../../scripts/schema-snapshot.ts";

const CONFIG = path.join(ROOT, "test/support/migrated-pglite.prisma.config.ts");
const shown = (file: string) => (file.startsWith(ROOT + path.sep) ? path.relative(ROOT, file) : file);

/** Prisma's introspection of a fresh PGlite migrated from `migrationsDir`, written to a temporary file. */
export async function migratedDatamodel(migrationsDir: string): Promise<string> {
  const printed = await prismaCli(["db", "pull", "--print", "--config", CONFIG], {
    VIGIL_MIGRATIONS_DIR: migrationsDir,
  });
  // The CLI prints its notices on stdout before the schema.
  const start = printed.search(/^(generator|datasource) /m);
  if (start < 0) throw new Error(`prisma db pull printed no schema:\n${printed}`);
  const file = path.join(os.tmpdir(), `vigil-migrated-${crypto.randomBytes(6).toString("hex")}.prisma`);
  fs.writeFileSync(file, printed.slice(start));
  return file;
}

/**
 * What disagrees between the schema at `schemaPath` and the migrations in `migrationsDir`, in words; [] when they
 * agree. `migrated` is migratedDatamodel(migrationsDir) when the caller already has it.
 */
export async function schemaDisagreements(opts: {
  schemaPath: string;
  migrationsDir: string;
  migrated?: string;
}): Promise<string[]> {
  const problems: string[] = [];
  const schema = shown(opts.schemaPath);
  let snapshot: string | null = null;
  try {
    snapshot = findSnapshot(opts.migrationsDir).snapshot;
  } catch (err) {
    problems.push((err as Error).message);
  }
  // The snapshot is a copy of the schema (db:migration:new keeps it one, even when only comments change).
  if (snapshot && fs.readFileSync(snapshot, "utf8") !== fs.readFileSync(opts.schemaPath, "utf8")) {
    problems.push(
      `The schema snapshot ${shown(snapshot)} is not a copy of ${schema}; npm run db:migration:new -- <name> ` +
        `writes the migration for the difference and moves the snapshot along.`,
    );
  }
  const toSchema = await datamodelDiff(opts.migrated ?? (await migratedDatamodel(opts.migrationsDir)), opts.schemaPath);
  if (toSchema) {
    problems.push(
      `${schema} does not describe the database the migrations build; a migration with this SQL would make them ` +
        `agree (npm run db:migration:new -- <name>), or change the schema to match:\n${toSchema}`,
    );
  }
  return problems;
}
