-- CreateTable
CREATE TABLE "SignInLimit" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "windowStartedAt" TIMESTAMP(3) NOT NULL,
    "lastAttemptAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInLimit_pkey" PRIMARY KEY ("scope","key")
);

-- CreateIndex
CREATE INDEX "SignInLimit_windowStartedAt_idx" ON "SignInLimit"("windowStartedAt");

-- The three scopes the sign-in limits count in, and never a negative count (a success gives its reservation back).
ALTER TABLE "SignInLimit" ADD CONSTRAINT "SignInLimit_scope_check" CHECK ("scope" IN ('account_ip', 'ip', 'account'));
ALTER TABLE "SignInLimit" ADD CONSTRAINT "SignInLimit_failures_check" CHECK ("failures" >= 0);
