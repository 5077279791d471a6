-- CreateEnum
CREATE TYPE "DecisionAuthority" AS ENUM ('automated', 'moderator', 'staff', 'legal');

-- AlterEnum
ALTER TYPE "CounterNoticeStatus" ADD VALUE 'superseded';

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN "authority" "DecisionAuthority";

-- Existing decisions get the authority they were taken with: content decisions made on a takedown request (or on
-- the case a request opened) are legal; decisions without a person are automated; otherwise the actor's role,
-- admins counting as staff.
UPDATE "Decision" d SET "authority" = (
  CASE
    WHEN d."takedownRequestId" IS NOT NULL THEN 'legal'
    WHEN d."subjectType" = 'post' AND d."caseId" IS NOT NULL
         AND EXISTS (SELECT 1 FROM "TakedownRequest" t WHERE t."caseId" = d."caseId") THEN 'legal'
    WHEN d."actorId" IS NULL THEN 'automated'
    WHEN (SELECT s."role" FROM "StaffUser" s WHERE s."id" = d."actorId") = 'moderator' THEN 'moderator'
    ELSE 'staff'
  END)::"DecisionAuthority";

ALTER TABLE "Decision" ALTER COLUMN "authority" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Decision_reversesId_idx" ON "Decision"("reversesId");
