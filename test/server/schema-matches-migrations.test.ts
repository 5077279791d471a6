// prisma/schema.prisma and prisma/migrations describe one database: the migrations, run by Vigil's own runner,
// build what the schema says, and the newest migration keeps the one schema snapshot the next migration is
// generated from. Each way they can drift apart is shown on a temporary copy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, readMigrations } from "../../server/db/migrate.ts";
import { SCHEMA_PATH, SNAPSHOT_FILE, findSnapshot, writeMigration } from "../../scripts/schema-snapshot.ts";
import { migratedDatamodel, schemaDisagreements } from "../support/schema-agreement.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-schema-test-"));
let migrated: string;

/** The schema with one column more on Policy, a change that needs a migration. */
function schemaWithPolicyNote(): string {
  const file = path.join(work, `schema-${Math.random().toString(36).slice(2)}.prisma`);
  const text = fs.readFileSync(SCHEMA_PATH, "utf8");
  const edited = text.replace(/^model Policy \{\n/m, (line) => `${line}  reviewNote String?\n`);
  expect(edited).not.toBe(text);
  fs.writeFileSync(file, edited);
  return file;
}

function copyOfMigrations(): string {
  const dir = fs.mkdtempSync(path.join(work, "migrations-"));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  migrated = await migratedDatamodel(MIGRATIONS_DIR);
}, 240_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  if (migrated) fs.rmSync(migrated, { force: true });
});

// Each check starts the Prisma CLI, which is slow on a busy machine.
describe("schema.prisma and the migrations", { timeout: 240_000 }, () => {
  it("agree, and only the newest migration keeps a schema snapshot", async () => {
    expect(await schemaDisagreements({ schemaPath: SCHEMA_PATH, migrationsDir: MIGRATIONS_DIR, migrated })).toEqual([]);
    const snapshots = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((d) => fs.existsSync(path.join(MIGRATIONS_DIR, d, SNAPSHOT_FILE)));
    expect(snapshots).toEqual([readMigrations().at(-1)!.name]);
  });

  it("disagree when schema.prisma changes without a migration", async () => {
    const problems = await schemaDisagreements({
      schemaPath: schemaWithPolicyNote(),
      migrationsDir: MIGRATIONS_DIR,
      migrated,
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/The schema snapshot .* is not a copy of/);
    expect(problems[1]).toMatch(
      /does not describe the database the migrations build[\s\S]*ALTER TABLE "Policy" ADD COLUMN\s+"reviewNote" TEXT/,
    );
  });

  it("disagree when a newer migration leaves the snapshot behind, or two keep one", () => {
    const dir = copyOfMigrations();
    const { newest } = findSnapshot(dir);
    const added = path.join(dir, `${String(Number.parseInt(newest!, 10) + 1).padStart(4, "0")}_comment_only`);
    fs.mkdirSync(added);
    fs.writeFileSync(path.join(added, "migration.sql"), `COMMENT ON TABLE "Policy" IS 'policies';\n`);
    expect(() => findSnapshot(dir)).toThrow(
      /The schema snapshot is .*, but the newest migration is \d{4}_comment_only/,
    );
    fs.copyFileSync(path.join(dir, newest!, SNAPSHOT_FILE), path.join(added, SNAPSHOT_FILE));
    expect(() => findSnapshot(dir)).toThrow(/Only the newest migration keeps a schema snapshot/);
  });

  it("db:migration:new writes the migration that makes them agree; without the schema change it disagrees", async () => {
    const dir = copyOfMigrations();
    const schemaPath = schemaWithPolicyNote();
    const before = findSnapshot(dir);
    const written = await writeMigration("policy_review_note", { migrationsDir: dir, schemaPath });
    expect(path.basename(written!)).toBe(
      `${String(Number.parseInt(before.newest!, 10) + 1).padStart(4, "0")}_policy_review_note`,
    );
    expect(fs.readFileSync(path.join(written!, "migration.sql"), "utf8")).toMatch(
      /ALTER TABLE "Policy" ADD COLUMN\s+"reviewNote" TEXT/,
    );
    expect(fs.existsSync(before.snapshot!)).toBe(false);
    expect(fs.readFileSync(path.join(written!, SNAPSHOT_FILE), "utf8")).toBe(fs.readFileSync(schemaPath, "utf8"));

    const migratedCopy = await migratedDatamodel(dir);
    try {
      const [agreeing, withoutSchemaChange] = await Promise.all([
        schemaDisagreements({ schemaPath, migrationsDir: dir, migrated: migratedCopy }),
        // The migration changes the database, schema.prisma does not.
        schemaDisagreements({ schemaPath: SCHEMA_PATH, migrationsDir: dir, migrated: migratedCopy }),
      ]);
      expect(agreeing).toEqual([]);
      expect(withoutSchemaChange).toHaveLength(2);
      expect(withoutSchemaChange[1]).toMatch(
        /does not describe the database the migrations build[\s\S]*DROP COLUMN\s+"reviewNote"/,
      );
    } finally {
      fs.rmSync(migratedCopy, { force: true });
    }
  });
});
