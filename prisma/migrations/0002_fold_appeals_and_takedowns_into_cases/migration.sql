-- DropIndex
DROP INDEX "Appeal_caseId_key";

-- DropIndex
DROP INDEX "TakedownRequest_caseId_key";

-- CreateIndex
CREATE INDEX "Appeal_caseId_idx" ON "Appeal"("caseId");

-- CreateIndex
CREATE INDEX "TakedownRequest_caseId_idx" ON "TakedownRequest"("caseId");
