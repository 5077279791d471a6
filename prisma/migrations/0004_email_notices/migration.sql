-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "EmailNotice" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "takedownRequestId" UUID,
    "decisionId" UUID,
    "status" "NoticeStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmailNotice_status_nextAttemptAt_idx" ON "EmailNotice"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "EmailNotice_takedownRequestId_idx" ON "EmailNotice"("takedownRequestId");

-- AddForeignKey
ALTER TABLE "EmailNotice" ADD CONSTRAINT "EmailNotice_takedownRequestId_fkey" FOREIGN KEY ("takedownRequestId") REFERENCES "TakedownRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
