-- CreateEnum
CREATE TYPE "AuditVerificationScope" AS ENUM ('full', 'since_checkpoint');

-- Rows already in the log were chained with plain SHA-256 (version 1); every row from now on is keyed (version 2).
-- The key lives outside the database, so existing rows cannot be re-chained here: they keep verifying with the
-- old function, and the first keyed row links to the last of them.
ALTER TABLE "AuditLog" ADD COLUMN "hashVersion" SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE "AuditLog" ALTER COLUMN "hashVersion" SET DEFAULT 2;

-- Deleting a staff member used to null "actorId" on their audit rows; audit rows are never changed, so such a
-- deletion is refused instead (staff are disabled, not deleted).
ALTER TABLE "AuditLog" DROP CONSTRAINT "AuditLog_actorId_fkey";
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- The log is append-only in the database itself, whoever connects: UPDATE, DELETE and TRUNCATE are refused.
CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit log is append-only: % on "AuditLog" is refused.', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();

-- CreateTable
CREATE TABLE "AuditVerification" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "scope" "AuditVerificationScope" NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" UUID,
    "held" BOOLEAN NOT NULL,
    "checked" INTEGER NOT NULL,
    "throughSeq" BIGINT NOT NULL,
    "brokenAtSeq" BIGINT,
    "problem" TEXT,
    "checkpointSeq" BIGINT,
    "checkpointAt" TIMESTAMP(3),

    CONSTRAINT "AuditVerification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditVerification_at_idx" ON "AuditVerification"("at");

-- CreateIndex
CREATE INDEX "AuditVerification_scope_at_idx" ON "AuditVerification"("scope", "at");

-- AddForeignKey
ALTER TABLE "AuditVerification" ADD CONSTRAINT "AuditVerification_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;
