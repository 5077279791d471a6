-- CreateEnum
CREATE TYPE "CameoActionKind" AS ENUM ('revoke_grant', 'disable_cameo', 'reinstate');

-- CreateEnum
CREATE TYPE "CameoActionStatus" AS ENUM ('pending_approval', 'approved', 'executing', 'completed', 'rejected');

-- CreateEnum
CREATE TYPE "CascadeMode" AS ENUM ('take_down', 'hold');

-- CreateEnum
CREATE TYPE "ComplaintVerification" AS ENUM ('pending', 'verified', 'rejected');

-- CreateEnum
CREATE TYPE "ProtectedLikenessKind" AS ENUM ('public_figure', 'deceased');

-- CreateTable
CREATE TABLE "CameoAction" (
    "id" UUID NOT NULL,
    "kind" "CameoActionKind" NOT NULL,
    "status" "CameoActionStatus" NOT NULL,
    "cameoId" TEXT NOT NULL,
    "grantId" TEXT,
    "mode" "CascadeMode",
    "reversesId" UUID,
    "policyId" UUID,
    "reason" TEXT NOT NULL,
    "complaintSignalId" UUID,
    "batchId" UUID NOT NULL,
    "postCount" INTEGER NOT NULL,
    "processedCount" INTEGER NOT NULL DEFAULT 0,
    "cursor" TEXT,
    "needsApproval" BOOLEAN NOT NULL,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "approvedById" UUID,
    "approvedAt" TIMESTAMP(3),
    "rejectionReason" TEXT,
    "decisionId" UUID,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "CameoAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CameoActionPost" (
    "actionId" UUID NOT NULL,
    "postId" TEXT NOT NULL,
    "previousVisibility" "PostVisibility" NOT NULL,
    "decisionId" UUID NOT NULL,

    CONSTRAINT "CameoActionPost_pkey" PRIMARY KEY ("actionId","postId")
);

-- CreateTable
CREATE TABLE "LikenessComplaintReview" (
    "signalId" UUID NOT NULL,
    "verification" "ComplaintVerification" NOT NULL DEFAULT 'pending',
    "verificationNote" TEXT,
    "reviewedById" UUID NOT NULL,
    "reviewedAt" TIMESTAMP(3) NOT NULL,
    "cameoId" TEXT,
    "protectedLikenessId" UUID,

    CONSTRAINT "LikenessComplaintReview_pkey" PRIMARY KEY ("signalId")
);

-- CreateTable
CREATE TABLE "ProtectedLikeness" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ProtectedLikenessKind" NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "requestedBy" TEXT,
    "note" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),
    "removedReason" TEXT,

    CONSTRAINT "ProtectedLikeness_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CameoAction_status_requestedAt_idx" ON "CameoAction"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "CameoAction_cameoId_requestedAt_idx" ON "CameoAction"("cameoId", "requestedAt");

-- CreateIndex
CREATE INDEX "CameoAction_complaintSignalId_idx" ON "CameoAction"("complaintSignalId");

-- CreateIndex
CREATE INDEX "CameoActionPost_postId_idx" ON "CameoActionPost"("postId");

-- CreateIndex
CREATE INDEX "LikenessComplaintReview_verification_idx" ON "LikenessComplaintReview"("verification");

-- CreateIndex
CREATE INDEX "LikenessComplaintReview_cameoId_idx" ON "LikenessComplaintReview"("cameoId");

-- CreateIndex
CREATE INDEX "LikenessComplaintReview_protectedLikenessId_idx" ON "LikenessComplaintReview"("protectedLikenessId");

-- CreateIndex
CREATE INDEX "ProtectedLikeness_active_updatedAt_id_idx" ON "ProtectedLikeness"("active", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "ProtectedLikeness_name_idx" ON "ProtectedLikeness"("name");

-- CreateIndex
CREATE INDEX "Signal_kind_occurredAt_id_idx" ON "Signal"("kind", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Decision_cameoGrantId_idx" ON "Decision"("cameoGrantId");

-- AddForeignKey
ALTER TABLE "CameoAction" ADD CONSTRAINT "CameoAction_cameoId_fkey" FOREIGN KEY ("cameoId") REFERENCES "Cameo"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoAction" ADD CONSTRAINT "CameoAction_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CameoGrant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoAction" ADD CONSTRAINT "CameoAction_reversesId_fkey" FOREIGN KEY ("reversesId") REFERENCES "CameoAction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoAction" ADD CONSTRAINT "CameoAction_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoAction" ADD CONSTRAINT "CameoAction_complaintSignalId_fkey" FOREIGN KEY ("complaintSignalId") REFERENCES "Signal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoAction" ADD CONSTRAINT "CameoAction_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoAction" ADD CONSTRAINT "CameoAction_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoActionPost" ADD CONSTRAINT "CameoActionPost_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "CameoAction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoActionPost" ADD CONSTRAINT "CameoActionPost_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoActionPost" ADD CONSTRAINT "CameoActionPost_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LikenessComplaintReview" ADD CONSTRAINT "LikenessComplaintReview_signalId_fkey" FOREIGN KEY ("signalId") REFERENCES "Signal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LikenessComplaintReview" ADD CONSTRAINT "LikenessComplaintReview_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LikenessComplaintReview" ADD CONSTRAINT "LikenessComplaintReview_cameoId_fkey" FOREIGN KEY ("cameoId") REFERENCES "Cameo"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LikenessComplaintReview" ADD CONSTRAINT "LikenessComplaintReview_protectedLikenessId_fkey" FOREIGN KEY ("protectedLikenessId") REFERENCES "ProtectedLikeness"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProtectedLikeness" ADD CONSTRAINT "ProtectedLikeness_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- At most one unfinished action per grant and per cameo-wide kind: two staff members revoking the same grant at
-- the same moment get one action, not two cascades.
CREATE UNIQUE INDEX "CameoAction_open_grant_key" ON "CameoAction"("grantId")
  WHERE "grantId" IS NOT NULL AND "kind" = 'revoke_grant' AND "status" IN ('pending_approval', 'approved', 'executing');
CREATE UNIQUE INDEX "CameoAction_open_disable_key" ON "CameoAction"("cameoId")
  WHERE "kind" = 'disable_cameo' AND "status" IN ('pending_approval', 'approved', 'executing');
CREATE UNIQUE INDEX "CameoAction_open_reversal_key" ON "CameoAction"("reversesId")
  WHERE "reversesId" IS NOT NULL AND "status" <> 'rejected';
