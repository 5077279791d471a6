-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('moderator', 'staff', 'admin');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('staff', 'platform', 'system', 'public');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('active', 'suspended', 'banned', 'deleted');

-- CreateEnum
CREATE TYPE "PostVisibility" AS ENUM ('public', 'held', 'taken_down', 'deleted');

-- CreateEnum
CREATE TYPE "CameoStatus" AS ENUM ('active', 'disabled');

-- CreateEnum
CREATE TYPE "CameoPermission" AS ENUM ('only_me', 'approved', 'mutuals', 'everyone');

-- CreateEnum
CREATE TYPE "GrantStatus" AS ENUM ('active', 'revoked');

-- CreateEnum
CREATE TYPE "DsaDecisionGround" AS ENUM ('illegal_content', 'incompatible_content');

-- CreateEnum
CREATE TYPE "SubjectType" AS ENUM ('post', 'account', 'cameo');

-- CreateEnum
CREATE TYPE "QueueKind" AS ENUM ('flagged_generation', 'deepfake_report', 'likeness_complaint', 'user_report', 'takedown', 'appeal', 'escalated');

-- CreateEnum
CREATE TYPE "SignalKind" AS ENUM ('classifier_flag', 'user_report', 'deepfake_report', 'likeness_complaint', 'takedown_request', 'appeal');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('open', 'claimed', 'escalated', 'resolved');

-- CreateEnum
CREATE TYPE "ActionType" AS ENUM ('take_down_post', 'hold_post', 'restore_post', 'dismiss', 'escalate', 'warn_account', 'add_strike', 'suspend_account', 'ban_account', 'reinstate_account', 'revoke_cameo_grant', 'disable_cameo', 'reinstate_cameo', 'revoke_invite_codes');

-- CreateEnum
CREATE TYPE "AppealStatus" AS ENUM ('open', 'upheld', 'overturned');

-- CreateEnum
CREATE TYPE "TakedownType" AS ENUM ('take_it_down', 'dmca', 'dsa_notice', 'likeness', 'court_order');

-- CreateEnum
CREATE TYPE "RequesterAuthority" AS ENUM ('self', 'agent', 'estate', 'rightsholder', 'authority');

-- CreateEnum
CREATE TYPE "TakedownStatus" AS ENUM ('received', 'needs_info', 'valid', 'invalid', 'actioned', 'rejected', 'counter_noticed', 'restored', 'closed');

-- CreateEnum
CREATE TYPE "TakedownSource" AS ENUM ('web_form', 'platform', 'staff');

-- CreateEnum
CREATE TYPE "CounterNoticeStatus" AS ENUM ('received', 'invalid', 'forwarded', 'court_action', 'restored');

-- CreateEnum
CREATE TYPE "InviteWaveStatus" AS ENUM ('draft', 'active', 'paused', 'closed');

-- CreateEnum
CREATE TYPE "InviteBatchStatus" AS ENUM ('issuing', 'complete', 'failed');

-- CreateEnum
CREATE TYPE "InviteCodeStatus" AS ENUM ('active', 'revoked');

-- CreateEnum
CREATE TYPE "HashKind" AS ENUM ('exact', 'perceptual');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'delivered', 'dead');

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "lastSignInAt" TIMESTAMP(3),
    "preferences" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" "ActorType" NOT NULL,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "caseId" UUID,
    "batchId" UUID,
    "requestId" TEXT,
    "ip" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "country" CHAR(2),
    "status" "AccountStatus" NOT NULL DEFAULT 'active',
    "suspendedUntil" TIMESTAMP(3),
    "strikeCount" INTEGER NOT NULL DEFAULT 0,
    "reportsFiled" INTEGER NOT NULL DEFAULT 0,
    "reportsActioned" INTEGER NOT NULL DEFAULT 0,
    "invitedByCodeId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Post" (
    "id" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "transcript" TEXT,
    "durationMs" INTEGER NOT NULL,
    "videoUrl" TEXT,
    "posterUrl" TEXT NOT NULL,
    "visibility" "PostVisibility" NOT NULL DEFAULT 'public',
    "remixOfId" TEXT,
    "viewCount" INTEGER NOT NULL DEFAULT 0,
    "remixCount" INTEGER NOT NULL DEFAULT 0,
    "hasC2pa" BOOLEAN NOT NULL DEFAULT false,
    "hasWatermark" BOOLEAN NOT NULL DEFAULT false,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostKeyframe" (
    "postId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "atMs" INTEGER NOT NULL,
    "imageUrl" TEXT NOT NULL,
    "phash" TEXT NOT NULL,

    CONSTRAINT "PostKeyframe_pkey" PRIMARY KEY ("postId","index")
);

-- CreateTable
CREATE TABLE "Cameo" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "status" "CameoStatus" NOT NULL DEFAULT 'active',
    "permission" "CameoPermission" NOT NULL,
    "restrictions" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "verificationMethod" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cameo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CameoGrant" (
    "id" TEXT NOT NULL,
    "cameoId" TEXT NOT NULL,
    "granteeId" TEXT NOT NULL,
    "status" "GrantStatus" NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CameoGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CameoAppearance" (
    "postId" TEXT NOT NULL,
    "cameoId" TEXT NOT NULL,

    CONSTRAINT "CameoAppearance_pkey" PRIMARY KEY ("postId","cameoId")
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "severity" INTEGER NOT NULL,
    "strikeWeight" INTEGER NOT NULL DEFAULT 1,
    "strikeThreshold" INTEGER NOT NULL DEFAULT 3,
    "dsaCategory" TEXT NOT NULL,
    "dsaGround" "DsaDecisionGround" NOT NULL,
    "legalReference" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Signal" (
    "id" UUID NOT NULL,
    "kind" "SignalKind" NOT NULL,
    "subjectType" "SubjectType" NOT NULL,
    "postId" TEXT,
    "accountId" TEXT,
    "cameoId" TEXT,
    "caseId" UUID NOT NULL,
    "platformEventId" TEXT,
    "reporterId" TEXT,
    "category" TEXT,
    "model" TEXT,
    "score" DOUBLE PRECISION,
    "frames" JSONB,
    "reason" TEXT,
    "text" TEXT,
    "takedownRequestId" UUID,
    "appealId" UUID,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Signal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" UUID NOT NULL,
    "queue" "QueueKind" NOT NULL,
    "subjectType" "SubjectType" NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "postId" TEXT,
    "accountId" TEXT,
    "cameoId" TEXT,
    "status" "CaseStatus" NOT NULL DEFAULT 'open',
    "priority" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "priorityComponents" JSONB NOT NULL DEFAULT '{}',
    "deadlineAt" TIMESTAMP(3),
    "category" TEXT,
    "maxScore" DOUBLE PRECISION,
    "hasCameo" BOOLEAN NOT NULL DEFAULT false,
    "signalCount" INTEGER NOT NULL DEFAULT 0,
    "reporterCount" INTEGER NOT NULL DEFAULT 0,
    "creatorHandle" TEXT,
    "prompt" TEXT,
    "claimedById" UUID,
    "claimedAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "lastChangedById" UUID,
    "lastChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "escalatedFrom" "QueueKind",
    "resolvedById" UUID,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseNote" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueSetting" (
    "queue" "QueueKind" NOT NULL,
    "label" TEXT NOT NULL,
    "slaHours" INTEGER NOT NULL,
    "minRole" "StaffRole" NOT NULL DEFAULT 'moderator',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QueueSetting_pkey" PRIMARY KEY ("queue")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" UUID NOT NULL,
    "type" "ActionType" NOT NULL,
    "subjectType" "SubjectType" NOT NULL,
    "postId" TEXT,
    "accountId" TEXT,
    "cameoId" TEXT,
    "cameoGrantId" TEXT,
    "caseId" UUID,
    "takedownRequestId" UUID,
    "actorId" UUID,
    "policyId" UUID,
    "reason" TEXT NOT NULL,
    "dsaGround" "DsaDecisionGround",
    "dsaCategory" TEXT,
    "visibilityDecision" TEXT,
    "automatedDetection" BOOLEAN NOT NULL DEFAULT false,
    "automatedDecision" BOOLEAN NOT NULL DEFAULT false,
    "territorialScope" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "legalReference" TEXT,
    "suspendedUntil" TIMESTAMP(3),
    "strikeDelta" INTEGER NOT NULL DEFAULT 0,
    "batchId" UUID,
    "idempotencyKey" TEXT,
    "reversesId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appeal" (
    "id" UUID NOT NULL,
    "decisionId" UUID NOT NULL,
    "appellantId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "AppealStatus" NOT NULL DEFAULT 'open',
    "caseId" UUID,
    "platformEventId" TEXT,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" UUID,

    CONSTRAINT "Appeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TakedownRequest" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "type" "TakedownType" NOT NULL,
    "status" "TakedownStatus" NOT NULL DEFAULT 'received',
    "source" "TakedownSource" NOT NULL,
    "requesterName" TEXT,
    "requesterEmail" TEXT,
    "requesterAddress" TEXT,
    "requesterPhone" TEXT,
    "requesterOrg" TEXT,
    "authority" "RequesterAuthority" NOT NULL,
    "isTrustedFlagger" BOOLEAN NOT NULL DEFAULT false,
    "depictedPerson" TEXT,
    "signature" TEXT,
    "contentUrls" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "contentDescription" TEXT,
    "workDescription" TEXT,
    "explanation" TEXT,
    "goodFaith" BOOLEAN NOT NULL DEFAULT false,
    "perjuryStatement" BOOLEAN NOT NULL DEFAULT false,
    "isCsamOffence" BOOLEAN NOT NULL DEFAULT false,
    "issuingAuthority" TEXT,
    "orderReference" TEXT,
    "jurisdiction" TEXT,
    "missingElements" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "clockStartedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "platformEventId" TEXT,
    "caseId" UUID,
    "enteredById" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TakedownRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TakedownRequestPost" (
    "requestId" UUID NOT NULL,
    "postId" TEXT NOT NULL,
    "matchedBy" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TakedownRequestPost_pkey" PRIMARY KEY ("requestId","postId")
);

-- CreateTable
CREATE TABLE "CounterNotice" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "postId" TEXT NOT NULL,
    "status" "CounterNoticeStatus" NOT NULL DEFAULT 'received',
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "email" TEXT,
    "signature" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "consentToJurisdiction" BOOLEAN NOT NULL DEFAULT false,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "restoreNotBefore" TIMESTAMP(3) NOT NULL,
    "restoreNotAfter" TIMESTAMP(3) NOT NULL,
    "courtActionAt" TIMESTAMP(3),
    "restoredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CounterNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InviteWave" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT,
    "targetSize" INTEGER NOT NULL,
    "usesPerCode" INTEGER NOT NULL DEFAULT 1,
    "expiresAt" TIMESTAMP(3),
    "regions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "platforms" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "allotment" INTEGER NOT NULL DEFAULT 0,
    "status" "InviteWaveStatus" NOT NULL DEFAULT 'draft',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InviteWave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InviteBatch" (
    "id" UUID NOT NULL,
    "waveId" UUID NOT NULL,
    "size" INTEGER NOT NULL,
    "issuedCount" INTEGER NOT NULL DEFAULT 0,
    "status" "InviteBatchStatus" NOT NULL DEFAULT 'issuing',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "InviteBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InviteCode" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "waveId" UUID NOT NULL,
    "batchId" UUID,
    "issuerAccountId" TEXT,
    "maxUses" INTEGER NOT NULL,
    "useCount" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3),
    "status" "InviteCodeStatus" NOT NULL DEFAULT 'active',
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InviteCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" UUID NOT NULL,
    "codeId" UUID NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT,
    "platform" TEXT,
    "redeemedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HashBankEntry" (
    "id" UUID NOT NULL,
    "kind" "HashKind" NOT NULL,
    "hash" TEXT NOT NULL,
    "postId" TEXT,
    "decisionId" UUID,
    "policyId" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HashBankEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "decisionId" UUID,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_email_createdAt_idx" ON "SignInAttempt"("email", "createdAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_ip_createdAt_idx" ON "SignInAttempt"("ip", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_subjectType_subjectId_at_idx" ON "AuditLog"("subjectType", "subjectId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_caseId_idx" ON "AuditLog"("caseId");

-- CreateIndex
CREATE INDEX "AuditLog_batchId_idx" ON "AuditLog"("batchId");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Account_handle_key" ON "Account"("handle");

-- CreateIndex
CREATE INDEX "Account_status_idx" ON "Account"("status");

-- CreateIndex
CREATE INDEX "Account_invitedByCodeId_idx" ON "Account"("invitedByCodeId");

-- CreateIndex
CREATE INDEX "Post_creatorId_createdAt_idx" ON "Post"("creatorId", "createdAt");

-- CreateIndex
CREATE INDEX "Post_remixOfId_idx" ON "Post"("remixOfId");

-- CreateIndex
CREATE INDEX "Post_contentHash_idx" ON "Post"("contentHash");

-- CreateIndex
CREATE INDEX "Post_visibility_idx" ON "Post"("visibility");

-- CreateIndex
CREATE INDEX "PostKeyframe_phash_idx" ON "PostKeyframe"("phash");

-- CreateIndex
CREATE INDEX "Cameo_ownerId_idx" ON "Cameo"("ownerId");

-- CreateIndex
CREATE INDEX "Cameo_status_idx" ON "Cameo"("status");

-- CreateIndex
CREATE INDEX "CameoGrant_granteeId_idx" ON "CameoGrant"("granteeId");

-- CreateIndex
CREATE UNIQUE INDEX "CameoGrant_cameoId_granteeId_key" ON "CameoGrant"("cameoId", "granteeId");

-- CreateIndex
CREATE INDEX "CameoAppearance_cameoId_idx" ON "CameoAppearance"("cameoId");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_code_key" ON "Policy"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Signal_platformEventId_key" ON "Signal"("platformEventId");

-- CreateIndex
CREATE INDEX "Signal_caseId_occurredAt_idx" ON "Signal"("caseId", "occurredAt");

-- CreateIndex
CREATE INDEX "Signal_postId_idx" ON "Signal"("postId");

-- CreateIndex
CREATE INDEX "Signal_accountId_idx" ON "Signal"("accountId");

-- CreateIndex
CREATE INDEX "Signal_cameoId_idx" ON "Signal"("cameoId");

-- CreateIndex
CREATE INDEX "Signal_reporterId_idx" ON "Signal"("reporterId");

-- CreateIndex
CREATE INDEX "Case_queue_status_priority_id_idx" ON "Case"("queue", "status", "priority" DESC, "id");

-- CreateIndex
CREATE INDEX "Case_queue_status_createdAt_id_idx" ON "Case"("queue", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_queue_status_deadlineAt_id_idx" ON "Case"("queue", "status", "deadlineAt", "id");

-- CreateIndex
CREATE INDEX "Case_status_leaseUntil_idx" ON "Case"("status", "leaseUntil");

-- CreateIndex
CREATE INDEX "Case_claimedById_idx" ON "Case"("claimedById");

-- CreateIndex
CREATE INDEX "Case_postId_idx" ON "Case"("postId");

-- CreateIndex
CREATE INDEX "Case_accountId_idx" ON "Case"("accountId");

-- CreateIndex
CREATE INDEX "Case_cameoId_idx" ON "Case"("cameoId");

-- CreateIndex
CREATE INDEX "Case_creatorHandle_idx" ON "Case"("creatorHandle");

-- CreateIndex
CREATE INDEX "CaseNote_caseId_createdAt_idx" ON "CaseNote"("caseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_idempotencyKey_key" ON "Decision"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Decision_postId_createdAt_idx" ON "Decision"("postId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_accountId_createdAt_idx" ON "Decision"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_cameoId_createdAt_idx" ON "Decision"("cameoId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_caseId_idx" ON "Decision"("caseId");

-- CreateIndex
CREATE INDEX "Decision_batchId_idx" ON "Decision"("batchId");

-- CreateIndex
CREATE INDEX "Decision_actorId_createdAt_idx" ON "Decision"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_createdAt_idx" ON "Decision"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_caseId_key" ON "Appeal"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_platformEventId_key" ON "Appeal"("platformEventId");

-- CreateIndex
CREATE INDEX "Appeal_decisionId_idx" ON "Appeal"("decisionId");

-- CreateIndex
CREATE INDEX "Appeal_status_filedAt_idx" ON "Appeal"("status", "filedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TakedownRequest_reference_key" ON "TakedownRequest"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "TakedownRequest_platformEventId_key" ON "TakedownRequest"("platformEventId");

-- CreateIndex
CREATE UNIQUE INDEX "TakedownRequest_caseId_key" ON "TakedownRequest"("caseId");

-- CreateIndex
CREATE INDEX "TakedownRequest_status_dueAt_idx" ON "TakedownRequest"("status", "dueAt");

-- CreateIndex
CREATE INDEX "TakedownRequest_type_status_idx" ON "TakedownRequest"("type", "status");

-- CreateIndex
CREATE INDEX "TakedownRequest_requesterEmail_idx" ON "TakedownRequest"("requesterEmail");

-- CreateIndex
CREATE INDEX "TakedownRequestPost_postId_idx" ON "TakedownRequestPost"("postId");

-- CreateIndex
CREATE INDEX "CounterNotice_status_restoreNotBefore_idx" ON "CounterNotice"("status", "restoreNotBefore");

-- CreateIndex
CREATE INDEX "CounterNotice_requestId_idx" ON "CounterNotice"("requestId");

-- CreateIndex
CREATE INDEX "InviteWave_status_idx" ON "InviteWave"("status");

-- CreateIndex
CREATE INDEX "InviteBatch_waveId_idx" ON "InviteBatch"("waveId");

-- CreateIndex
CREATE UNIQUE INDEX "InviteCode_code_key" ON "InviteCode"("code");

-- CreateIndex
CREATE INDEX "InviteCode_waveId_status_idx" ON "InviteCode"("waveId", "status");

-- CreateIndex
CREATE INDEX "InviteCode_batchId_idx" ON "InviteCode"("batchId");

-- CreateIndex
CREATE INDEX "InviteCode_issuerAccountId_idx" ON "InviteCode"("issuerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_accountId_key" ON "Redemption"("accountId");

-- CreateIndex
CREATE INDEX "Redemption_codeId_redeemedAt_idx" ON "Redemption"("codeId", "redeemedAt");

-- CreateIndex
CREATE INDEX "Redemption_redeemedAt_idx" ON "Redemption"("redeemedAt");

-- CreateIndex
CREATE INDEX "HashBankEntry_kind_hash_idx" ON "HashBankEntry"("kind", "hash");

-- CreateIndex
CREATE INDEX "HashBankEntry_postId_idx" ON "HashBankEntry"("postId");

-- CreateIndex
CREATE INDEX "PlatformEvent_receivedAt_idx" ON "PlatformEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_status_nextAttemptAt_idx" ON "OutboxEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_subjectKey_seq_idx" ON "OutboxEvent"("subjectKey", "seq");

-- CreateIndex
CREATE INDEX "OutboxEvent_decisionId_idx" ON "OutboxEvent"("decisionId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEvent_seq_key" ON "OutboxEvent"("seq");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_invitedByCodeId_fkey" FOREIGN KEY ("invitedByCodeId") REFERENCES "InviteCode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_remixOfId_fkey" FOREIGN KEY ("remixOfId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostKeyframe" ADD CONSTRAINT "PostKeyframe_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cameo" ADD CONSTRAINT "Cameo_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoGrant" ADD CONSTRAINT "CameoGrant_cameoId_fkey" FOREIGN KEY ("cameoId") REFERENCES "Cameo"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoGrant" ADD CONSTRAINT "CameoGrant_granteeId_fkey" FOREIGN KEY ("granteeId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoAppearance" ADD CONSTRAINT "CameoAppearance_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CameoAppearance" ADD CONSTRAINT "CameoAppearance_cameoId_fkey" FOREIGN KEY ("cameoId") REFERENCES "Cameo"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_cameoId_fkey" FOREIGN KEY ("cameoId") REFERENCES "Cameo"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_takedownRequestId_fkey" FOREIGN KEY ("takedownRequestId") REFERENCES "TakedownRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signal" ADD CONSTRAINT "Signal_appealId_fkey" FOREIGN KEY ("appealId") REFERENCES "Appeal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_cameoId_fkey" FOREIGN KEY ("cameoId") REFERENCES "Cameo"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_claimedById_fkey" FOREIGN KEY ("claimedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_lastChangedById_fkey" FOREIGN KEY ("lastChangedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseNote" ADD CONSTRAINT "CaseNote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseNote" ADD CONSTRAINT "CaseNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_cameoId_fkey" FOREIGN KEY ("cameoId") REFERENCES "Cameo"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_cameoGrantId_fkey" FOREIGN KEY ("cameoGrantId") REFERENCES "CameoGrant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_takedownRequestId_fkey" FOREIGN KEY ("takedownRequestId") REFERENCES "TakedownRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_reversesId_fkey" FOREIGN KEY ("reversesId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_appellantId_fkey" FOREIGN KEY ("appellantId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TakedownRequest" ADD CONSTRAINT "TakedownRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TakedownRequest" ADD CONSTRAINT "TakedownRequest_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TakedownRequestPost" ADD CONSTRAINT "TakedownRequestPost_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TakedownRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TakedownRequestPost" ADD CONSTRAINT "TakedownRequestPost_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CounterNotice" ADD CONSTRAINT "CounterNotice_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TakedownRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CounterNotice" ADD CONSTRAINT "CounterNotice_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteWave" ADD CONSTRAINT "InviteWave_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteBatch" ADD CONSTRAINT "InviteBatch_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "InviteWave"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteBatch" ADD CONSTRAINT "InviteBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteCode" ADD CONSTRAINT "InviteCode_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "InviteWave"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteCode" ADD CONSTRAINT "InviteCode_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "InviteBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteCode" ADD CONSTRAINT "InviteCode_issuerAccountId_fkey" FOREIGN KEY ("issuerAccountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_codeId_fkey" FOREIGN KEY ("codeId") REFERENCES "InviteCode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HashBankEntry" ADD CONSTRAINT "HashBankEntry_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HashBankEntry" ADD CONSTRAINT "HashBankEntry_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HashBankEntry" ADD CONSTRAINT "HashBankEntry_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEvent" ADD CONSTRAINT "OutboxEvent_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- One unresolved case per subject and queue; signals fold into it. (Partial index: not expressible in schema.prisma.)
CREATE UNIQUE INDEX "Case_open_subject_queue_key" ON "Case"("subjectKey", "queue") WHERE "status" <> 'resolved';

-- Prompt search in the queue list.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Case_prompt_trgm_idx" ON "Case" USING gin ("prompt" gin_trgm_ops);
