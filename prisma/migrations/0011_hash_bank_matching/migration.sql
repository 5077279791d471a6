-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "hashScannedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "HashBankEntry" ADD COLUMN     "deactivatedAt" TIMESTAMP(3),
ADD COLUMN     "deactivatedById" UUID,
ADD COLUMN     "deactivatedReason" TEXT;

-- CreateIndex
CREATE INDEX "HashBankEntry_active_kind_createdAt_id_idx" ON "HashBankEntry"("active", "kind", "createdAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "HashBankEntry" ADD CONSTRAINT "HashBankEntry_deactivatedById_fkey" FOREIGN KEY ("deactivatedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The matcher's work list: posts not yet compared with the bank, oldest first. Partial, so it stays as small as
-- the backlog (Prisma's schema cannot express a partial index).
CREATE INDEX "Post_hash_unscanned_idx" ON "Post"("createdAt", "id") WHERE "hashScannedAt" IS NULL;

-- Posts published before matching existed count as scanned: an upgrade does not start with a backlog of every
-- post ever published. New bank entries are matched against posts published from now on.
UPDATE "Post" SET "hashScannedAt" = "createdAt";
