-- DropIndex
DROP INDEX "InviteBatch_waveId_idx";

-- DropIndex
DROP INDEX "InviteCode_waveId_status_idx";

-- DropIndex
DROP INDEX "InviteCode_batchId_idx";

-- AlterTable
ALTER TABLE "InviteBatch" ADD COLUMN     "failedReason" TEXT;

-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN     "keyId" TEXT;

-- CreateTable
CREATE TABLE "InviteRedeemFailure" (
    "id" BIGSERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InviteRedeemFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InviteRedeemFailure_scope_at_idx" ON "InviteRedeemFailure"("scope", "at");

-- CreateIndex
CREATE INDEX "InviteRedeemFailure_at_idx" ON "InviteRedeemFailure"("at");

-- CreateIndex
CREATE INDEX "InviteBatch_waveId_createdAt_idx" ON "InviteBatch"("waveId", "createdAt");

-- CreateIndex
CREATE INDEX "InviteBatch_status_idx" ON "InviteBatch"("status");

-- CreateIndex
CREATE INDEX "InviteCode_waveId_id_idx" ON "InviteCode"("waveId", "id");

-- CreateIndex
CREATE INDEX "InviteCode_waveId_status_id_idx" ON "InviteCode"("waveId", "status", "id");

-- CreateIndex
CREATE INDEX "InviteCode_batchId_id_idx" ON "InviteCode"("batchId", "id");
