-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN     "auditedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Redemption_auditedAt_idx" ON "Redemption"("auditedAt");

-- Redemptions only raise "useCount", which no index covers: with room left on each page the update stays a
-- heap-only tuple and touches none of the code table's six indexes (Prisma cannot express a fillfactor).
ALTER TABLE "InviteCode" SET (fillfactor = 85);
