// Prisma CLI configuration. The CLI runs its WebAssembly schema engine through a driver adapter, so no native
// engine has to be downloaded. Migrations are generated against an in-memory PGlite (see scripts/new-migration.ts)
// and applied by Vigil's own runner (server/db/migrate.ts) on both PGlite and PostgreSQL.
import { defineConfig } from "prisma/config";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

process.env.DATABASE_URL ??= "postgresql://vigil@localhost/vigil";

export default defineConfig({
  schema: "prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    // The adapter's bundled adapter-utils types are older than Prisma's; the protocol is the same.
    return new PrismaPGlite(new PGlite()) as unknown as SqlMigrationAwareDriverAdapterFactory;
  },
});
