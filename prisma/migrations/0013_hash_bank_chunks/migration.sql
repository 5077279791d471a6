-- CreateTable
CREATE TABLE "HashBankChunk" (
    "entryId" UUID NOT NULL,
    "part" SMALLINT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "HashBankChunk_pkey" PRIMARY KEY ("part","value","entryId")
);

-- CreateIndex
CREATE INDEX "HashBankChunk_entryId_idx" ON "HashBankChunk"("entryId");

-- AddForeignKey
ALTER TABLE "HashBankChunk" ADD CONSTRAINT "HashBankChunk_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "HashBankEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every perceptual hash gets its 16 chunks as it is banked, whoever inserts it (the bank's own code, the seed, a
-- bulk import), so the chunk index can never miss an entry.
CREATE FUNCTION "hash_bank_entry_chunks"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."kind" = 'perceptual' AND NEW."hash" ~ '^[0-9a-f]{64}$' THEN
    INSERT INTO "HashBankChunk" ("entryId", "part", "value")
    SELECT NEW."id", i, ('x' || substr(NEW."hash", i * 4 + 1, 4))::bit(16)::int FROM generate_series(0, 15) AS i
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "HashBankEntry_chunks" AFTER INSERT ON "HashBankEntry" FOR EACH ROW EXECUTE FUNCTION "hash_bank_entry_chunks"();

INSERT INTO "HashBankChunk" ("entryId", "part", "value")
SELECT e."id", i, ('x' || substr(e."hash", i * 4 + 1, 4))::bit(16)::int
  FROM "HashBankEntry" e, generate_series(0, 15) AS i
 WHERE e."kind" = 'perceptual' AND e."hash" ~ '^[0-9a-f]{64}$';
