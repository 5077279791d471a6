-- AlterTable
ALTER TABLE "MediaFrame" ADD COLUMN     "chunk0" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk1" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk10" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk11" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk12" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk13" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk14" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk15" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk2" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk3" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk4" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk5" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk6" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk7" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk8" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chunk9" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "MediaLookup" (
    "id" UUID NOT NULL,
    "sha256" TEXT NOT NULL,
    "md5" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "mimeType" TEXT NOT NULL,
    "storeKey" TEXT NOT NULL,
    "takedownRequestId" UUID,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "results" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "MediaLookup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MediaLookup_takedownRequestId_createdAt_idx" ON "MediaLookup"("takedownRequestId", "createdAt");

-- CreateIndex
CREATE INDEX "MediaLookup_createdById_createdAt_idx" ON "MediaLookup"("createdById", "createdAt");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk0_idx" ON "MediaFrame"("chunk0");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk1_idx" ON "MediaFrame"("chunk1");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk2_idx" ON "MediaFrame"("chunk2");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk3_idx" ON "MediaFrame"("chunk3");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk4_idx" ON "MediaFrame"("chunk4");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk5_idx" ON "MediaFrame"("chunk5");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk6_idx" ON "MediaFrame"("chunk6");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk7_idx" ON "MediaFrame"("chunk7");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk8_idx" ON "MediaFrame"("chunk8");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk9_idx" ON "MediaFrame"("chunk9");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk10_idx" ON "MediaFrame"("chunk10");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk11_idx" ON "MediaFrame"("chunk11");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk12_idx" ON "MediaFrame"("chunk12");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk13_idx" ON "MediaFrame"("chunk13");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk14_idx" ON "MediaFrame"("chunk14");

-- CreateIndex
CREATE INDEX "MediaFrame_chunk15_idx" ON "MediaFrame"("chunk15");

-- AddForeignKey
ALTER TABLE "MediaLookup" ADD CONSTRAINT "MediaLookup_takedownRequestId_fkey" FOREIGN KEY ("takedownRequestId") REFERENCES "TakedownRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaLookup" ADD CONSTRAINT "MediaLookup_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every frame gets its 16 chunks as it is written, whoever writes it (the media worker, the seed, a test).
CREATE FUNCTION "media_frame_chunks"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bits bit(256);
BEGIN
  IF NEW."pdq" ~ '^[0-9a-f]{64}$' THEN
    bits := ('x' || NEW."pdq")::bit(256);
    NEW."chunk0" := substring(bits from 1 for 16)::int;
    NEW."chunk1" := substring(bits from 17 for 16)::int;
    NEW."chunk2" := substring(bits from 33 for 16)::int;
    NEW."chunk3" := substring(bits from 49 for 16)::int;
    NEW."chunk4" := substring(bits from 65 for 16)::int;
    NEW."chunk5" := substring(bits from 81 for 16)::int;
    NEW."chunk6" := substring(bits from 97 for 16)::int;
    NEW."chunk7" := substring(bits from 113 for 16)::int;
    NEW."chunk8" := substring(bits from 129 for 16)::int;
    NEW."chunk9" := substring(bits from 145 for 16)::int;
    NEW."chunk10" := substring(bits from 161 for 16)::int;
    NEW."chunk11" := substring(bits from 177 for 16)::int;
    NEW."chunk12" := substring(bits from 193 for 16)::int;
    NEW."chunk13" := substring(bits from 209 for 16)::int;
    NEW."chunk14" := substring(bits from 225 for 16)::int;
    NEW."chunk15" := substring(bits from 241 for 16)::int;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "MediaFrame_chunks" BEFORE INSERT OR UPDATE OF "pdq" ON "MediaFrame" FOR EACH ROW EXECUTE FUNCTION "media_frame_chunks"();
UPDATE "MediaFrame" SET "pdq" = "pdq";

-- CreateIndex
CREATE INDEX "HashBankEntry_bankId_kind_hash_idx" ON "HashBankEntry"("bankId", "kind", "hash");
