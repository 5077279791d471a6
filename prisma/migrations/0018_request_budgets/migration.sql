-- Request budgets shared by every server process (one token bucket per scope, taken in one conditional upsert),
-- and the count of platform requests still signed with a retiring signature scheme.

-- CreateTable
CREATE TABLE "RequestBudget" (
    "scope" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RequestBudget_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "PlatformSignatureUse" (
    "keyId" TEXT NOT NULL,
    "scheme" TEXT NOT NULL,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlatformSignatureUse_pkey" PRIMARY KEY ("keyId","scheme")
);
