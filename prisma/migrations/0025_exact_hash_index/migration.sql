-- DropIndex
DROP INDEX "HashBankEntry_kind_hash_idx";

-- AlterTable
ALTER TABLE "HashListImport" ADD COLUMN     "planned" INTEGER NOT NULL DEFAULT 0;

-- Exact lookups across banks (a file's hashes against every bank). Frames are matched by each server's in-memory
-- index, never by hash in SQL, so they are left out: one random-order index fewer for every banked frame written.
CREATE INDEX "HashBankEntry_exact_hash_idx" ON "HashBankEntry"("hash") WHERE "kind" = 'exact';
