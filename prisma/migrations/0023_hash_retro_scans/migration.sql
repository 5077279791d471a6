-- CreateEnum
CREATE TYPE "HashRetroScanStatus" AS ENUM ('pending', 'running', 'done');

-- CreateTable
CREATE TABLE "HashRetroScan" (
    "id" UUID NOT NULL,
    "bankId" UUID NOT NULL,
    "itemIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "importId" UUID,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "status" "HashRetroScanStatus" NOT NULL DEFAULT 'pending',
    "postsTotal" INTEGER NOT NULL DEFAULT 0,
    "postsScanned" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "cursorCreatedAt" TIMESTAMPTZ(3),
    "cursorPostId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "HashRetroScan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HashRetroScan_status_createdAt_idx" ON "HashRetroScan"("status", "createdAt");

-- CreateIndex
CREATE INDEX "HashRetroScan_bankId_createdAt_idx" ON "HashRetroScan"("bankId", "createdAt");

-- CreateIndex
CREATE INDEX "Post_createdAt_id_idx" ON "Post"("createdAt", "id");

-- AddForeignKey
ALTER TABLE "HashRetroScan" ADD CONSTRAINT "HashRetroScan_bankId_fkey" FOREIGN KEY ("bankId") REFERENCES "HashBank"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Where reviewers' "not a match" goes: known false positives, which suppress matches.
INSERT INTO "HashBank" ("id", "name", "kind", "description", "action", "retroScanDays", "updatedAt")
VALUES ('01900000-0000-7000-8000-000000000002', 'Not a match', 'safe',
        'Posts reviewers found were not copies of what they matched: a match with one of these is suppressed', 'review', 0, CURRENT_TIMESTAMP);
