-- CreateEnum
CREATE TYPE "HashBankKind" AS ENUM ('removed_content', 'ncii', 'child_safety', 'copyright', 'likeness', 'violent_extremism', 'spam', 'safe');

-- CreateEnum
CREATE TYPE "HashBankAction" AS ENUM ('review', 'hold', 'take_down');

-- CreateEnum
CREATE TYPE "HashListImportStatus" AS ENUM ('running', 'done', 'refused', 'failed');

-- The SQL chunk index gives way to each server's in-memory PDQ index (server/domain/hashbank/index-service.ts).
DROP TRIGGER "HashBankEntry_chunks" ON "HashBankEntry";
DROP FUNCTION "hash_bank_entry_chunks"();
ALTER TABLE "HashBankChunk" DROP CONSTRAINT "HashBankChunk_entryId_fkey";

-- AlterTable
ALTER TABLE "Policy" ADD COLUMN     "hashBankId" UUID;

-- AlterTable
ALTER TABLE "HashBankEntry" ADD COLUMN     "bankId" UUID,
ADD COLUMN     "changeXid" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "importId" UUID,
ADD COLUMN     "itemId" TEXT,
ADD COLUMN     "signalType" TEXT;

-- DropTable
DROP TABLE "HashBankChunk";

-- CreateTable
CREATE TABLE "HashBank" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "HashBankKind" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "action" "HashBankAction" NOT NULL DEFAULT 'review',
    "pendingAction" "HashBankAction",
    "pendingActionById" UUID,
    "pendingActionAt" TIMESTAMPTZ(3),
    "pendingActionReason" TEXT,
    "retroScanDays" INTEGER NOT NULL DEFAULT 30,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HashBank_pkey" PRIMARY KEY ("id")
);

-- Everything banked so far came from take-downs: it goes into the removed-content bank.
INSERT INTO "HashBank" ("id", "name", "kind", "description", "action", "updatedAt")
VALUES ('01900000-0000-7000-8000-000000000001', 'Removed content', 'removed_content',
        'Files and frames of content taken down on this service', 'review', CURRENT_TIMESTAMP);
UPDATE "HashBankEntry"
   SET "bankId" = '01900000-0000-7000-8000-000000000001',
       "itemId" = coalesce("postId", "id"::text),
       "signalType" = CASE WHEN "kind" = 'perceptual' THEN 'vpdq'
                           WHEN "hash" ~ '^[0-9a-f]{64}$' THEN 'sha256'
                           WHEN "hash" ~ '^[0-9a-f]{32}$' THEN 'video_md5'
                           ELSE 'platform' END;
ALTER TABLE "HashBankEntry" ALTER COLUMN "bankId" SET NOT NULL,
  ALTER COLUMN "bankId" SET DEFAULT '01900000-0000-7000-8000-000000000001'::uuid,
  ALTER COLUMN "itemId" SET NOT NULL,
  ALTER COLUMN "itemId" SET DEFAULT '',
  ALTER COLUMN "signalType" SET NOT NULL,
  ALTER COLUMN "signalType" SET DEFAULT '';

-- CreateTable
CREATE TABLE "HashListImport" (
    "id" UUID NOT NULL,
    "bankId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "listDate" TIMESTAMPTZ(3),
    "fileName" TEXT NOT NULL,
    "declaredType" TEXT,
    "status" "HashListImportStatus" NOT NULL DEFAULT 'running',
    "lines" INTEGER NOT NULL DEFAULT 0,
    "entries" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "HashListImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HashBank_name_key" ON "HashBank"("name");

-- CreateIndex
CREATE INDEX "HashListImport_bankId_createdAt_idx" ON "HashListImport"("bankId", "createdAt");

-- CreateIndex
CREATE INDEX "HashBankEntry_itemId_idx" ON "HashBankEntry"("itemId");

-- CreateIndex
CREATE INDEX "HashBankEntry_changeXid_idx" ON "HashBankEntry"("changeXid");

-- CreateIndex
CREATE INDEX "HashBankEntry_importId_idx" ON "HashBankEntry"("importId");

-- CreateIndex
CREATE INDEX "HashBankEntry_bankId_active_kind_createdAt_id_idx" ON "HashBankEntry"("bankId", "active", "kind", "createdAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_hashBankId_fkey" FOREIGN KEY ("hashBankId") REFERENCES "HashBank"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HashBankEntry" ADD CONSTRAINT "HashBankEntry_bankId_fkey" FOREIGN KEY ("bankId") REFERENCES "HashBank"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HashBankEntry" ADD CONSTRAINT "HashBankEntry_importId_fkey" FOREIGN KEY ("importId") REFERENCES "HashListImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HashListImport" ADD CONSTRAINT "HashListImport_bankId_fkey" FOREIGN KEY ("bankId") REFERENCES "HashBank"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HashListImport" ADD CONSTRAINT "HashListImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Whoever writes an entry (the bank's code, an import, the seed, a hand-written UPDATE), the row records the
-- transaction, so every server's index finds the change; an entry written without its item or signal type gets
-- them from its post (or itself) and its hash.
CREATE FUNCTION "hash_bank_entry_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."changeXid" := pg_current_xact_id()::text::bigint;
  IF NEW."itemId" = '' THEN
    NEW."itemId" := coalesce(NEW."postId", NEW."id"::text);
  END IF;
  IF NEW."signalType" = '' THEN
    NEW."signalType" := CASE WHEN NEW."kind" = 'perceptual' THEN CASE WHEN NEW."postId" IS NULL THEN 'pdq' ELSE 'vpdq' END
                             WHEN NEW."hash" ~ '^[0-9a-f]{64}$' THEN 'sha256'
                             WHEN NEW."hash" ~ '^[0-9a-f]{32}$' THEN 'video_md5'
                             ELSE 'platform' END;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "HashBankEntry_change" BEFORE INSERT OR UPDATE ON "HashBankEntry" FOR EACH ROW EXECUTE FUNCTION "hash_bank_entry_change"();
