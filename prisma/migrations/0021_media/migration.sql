-- CreateEnum
CREATE TYPE "MediaStatus" AS ENUM ('pending', 'retrying', 'ready', 'failed');

-- AlterTable
ALTER TABLE "HashBankEntry" ADD COLUMN     "atMs" INTEGER,
ADD COLUMN     "legacy" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "quality" SMALLINT;

-- CreateTable
CREATE TABLE "PostMedia" (
    "postId" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "declaredType" TEXT,
    "declaredSha256" TEXT,
    "declaredBytes" INTEGER,
    "status" "MediaStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "errorCode" TEXT,
    "error" TEXT,
    "sha256" TEXT,
    "rescan" BOOLEAN NOT NULL DEFAULT false,
    "readyAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PostMedia_pkey" PRIMARY KEY ("postId")
);

-- CreateTable
CREATE TABLE "MediaFile" (
    "sha256" TEXT NOT NULL,
    "md5" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "mimeType" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "durationMs" INTEGER,
    "width" INTEGER,
    "height" INTEGER,
    "videoCodec" TEXT,
    "audioCodec" TEXT,
    "fps" DOUBLE PRECISION,
    "loudness" JSONB NOT NULL,
    "strip" JSONB NOT NULL,
    "c2paState" TEXT NOT NULL,
    "provenance" JSONB NOT NULL,
    "matchable" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "purgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MediaFile_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "MediaFrame" (
    "sha256" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "atMs" INTEGER NOT NULL,
    "pdq" TEXT NOT NULL,
    "quality" SMALLINT NOT NULL,
    "kept" BOOLEAN NOT NULL,

    CONSTRAINT "MediaFrame_pkey" PRIMARY KEY ("sha256","index")
);

-- CreateTable
CREATE TABLE "OrgSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "OrgSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "PostMedia_status_nextAttemptAt_idx" ON "PostMedia"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "PostMedia_sha256_idx" ON "PostMedia"("sha256");

-- AddForeignKey
ALTER TABLE "PostMedia" ADD CONSTRAINT "PostMedia_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaFrame" ADD CONSTRAINT "MediaFrame_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "MediaFile"("sha256") ON DELETE CASCADE ON UPDATE CASCADE;

-- Perceptual hashes banked so far came from the platform's keyframes. Matching now uses frames Vigil hashed itself,
-- so those entries are kept for the record and never matched; a banked post's media, once processed, banks its own.
UPDATE "HashBankEntry" SET "legacy" = true WHERE "kind" = 'perceptual';
