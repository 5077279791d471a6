-- AlterTable
ALTER TABLE "MediaFrame" ADD COLUMN     "bits" BIT(256);

-- The trigger that cuts a frame's hash into chunks also keeps its 256 bits.
CREATE OR REPLACE FUNCTION "media_frame_chunks"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bits bit(256);
BEGIN
  IF NEW."pdq" ~ '^[0-9a-f]{64}$' THEN
    bits := ('x' || NEW."pdq")::bit(256);
    NEW."bits" := bits;
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
  ELSE
    NEW."bits" := NULL;
  END IF;
  RETURN NEW;
END
$$;
UPDATE "MediaFrame" SET "bits" = ('x' || "pdq")::bit(256) WHERE "pdq" ~ '^[0-9a-f]{64}$';
