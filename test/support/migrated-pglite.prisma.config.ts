// Prisma CLI configuration that points the CLI at the database the migrations build: a fresh in-memory PGlite
// migrated by Vigil's own runner from VIGIL_MIGRATIONS_DIR. With a driver adapter the CLI reaches a database only
// through its config's adapter.
import { defineConfig } from "prisma/config";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { createPglite, openPglite, pgliteAdapter } from "../../server/db/client.ts";
import { migrate, readMigrations } from "../../server/db/migrate.ts";

process.env.DATABASE_URL ??= "postgresql://vigil@localhost/vigil";

export default defineConfig({
  schema: "../../prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const dir = process.env.VIGIL_MIGRATIONS_DIR;
    if (!dir) throw new Error("VIGIL_MIGRATIONS_DIR names the migrations to apply.");
    const lite = await createPglite(null);
    await migrate(await openPglite(null, lite), readMigrations(dir));
    await lite.exec(`DROP TABLE "_vigil_migrations"`); // the runner's bookkeeping, not part of the schema
    return pgliteAdapter(lite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  },
});
