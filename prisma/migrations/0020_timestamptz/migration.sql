-- Every date column becomes timestamptz(3): an instant, whatever the session's time zone, so queries compare with
-- now() or with parameters directly. The values stored so far are UTC wall-clock times, hence the USING clauses.
-- One ALTER TABLE per table, so each table is rewritten once.

-- AlterTable
ALTER TABLE "StaffUser" ALTER COLUMN "passwordChangedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "passwordChangedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "disabledAt" SET DATA TYPE TIMESTAMPTZ(3) USING "disabledAt" AT TIME ZONE 'UTC',
ALTER COLUMN "lastSignInAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastSignInAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Session" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "lastSeenAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastSeenAt" AT TIME ZONE 'UTC',
ALTER COLUMN "expiresAt" SET DATA TYPE TIMESTAMPTZ(3) USING "expiresAt" AT TIME ZONE 'UTC',
ALTER COLUMN "revokedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "revokedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "StaffSecondFactor" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "confirmedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "confirmedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "StaffRecoveryCode" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "usedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "usedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "SignInAttempt" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "SignInLimit" ALTER COLUMN "windowStartedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "windowStartedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "lastAttemptAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastAttemptAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "RequestBudget" ALTER COLUMN "refilledAt" SET DATA TYPE TIMESTAMPTZ(3) USING "refilledAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "PlatformSignatureUse" ALTER COLUMN "firstAt" SET DATA TYPE TIMESTAMPTZ(3) USING "firstAt" AT TIME ZONE 'UTC',
ALTER COLUMN "lastAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "AuditLog" ALTER COLUMN "at" SET DATA TYPE TIMESTAMPTZ(3) USING "at" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "AuditVerification" ALTER COLUMN "at" SET DATA TYPE TIMESTAMPTZ(3) USING "at" AT TIME ZONE 'UTC',
ALTER COLUMN "checkpointAt" SET DATA TYPE TIMESTAMPTZ(3) USING "checkpointAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Account" ALTER COLUMN "suspendedUntil" SET DATA TYPE TIMESTAMPTZ(3) USING "suspendedUntil" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Post" ALTER COLUMN "hashScannedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "hashScannedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Cameo" ALTER COLUMN "verifiedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "verifiedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "CameoGrant" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "revokedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "revokedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Policy" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Signal" ALTER COLUMN "occurredAt" SET DATA TYPE TIMESTAMPTZ(3) USING "occurredAt" AT TIME ZONE 'UTC',
ALTER COLUMN "receivedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "receivedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Case" ALTER COLUMN "deadlineAt" SET DATA TYPE TIMESTAMPTZ(3) USING "deadlineAt" AT TIME ZONE 'UTC',
ALTER COLUMN "claimedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "claimedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "leaseUntil" SET DATA TYPE TIMESTAMPTZ(3) USING "leaseUntil" AT TIME ZONE 'UTC',
ALTER COLUMN "lastChangedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastChangedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "resolvedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "resolvedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "CaseNote" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "QueueSetting" ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Decision" ALTER COLUMN "suspendedUntil" SET DATA TYPE TIMESTAMPTZ(3) USING "suspendedUntil" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Appeal" ALTER COLUMN "filedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "filedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "decidedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "decidedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "TakedownRequest" ALTER COLUMN "receivedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "receivedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "clockStartedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "clockStartedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "dueAt" SET DATA TYPE TIMESTAMPTZ(3) USING "dueAt" AT TIME ZONE 'UTC',
ALTER COLUMN "decidedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "decidedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "TakedownRequestPost" ALTER COLUMN "addedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "addedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "CounterNotice" ALTER COLUMN "receivedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "receivedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "restoreNotBefore" SET DATA TYPE TIMESTAMPTZ(3) USING "restoreNotBefore" AT TIME ZONE 'UTC',
ALTER COLUMN "restoreNotAfter" SET DATA TYPE TIMESTAMPTZ(3) USING "restoreNotAfter" AT TIME ZONE 'UTC',
ALTER COLUMN "courtActionAt" SET DATA TYPE TIMESTAMPTZ(3) USING "courtActionAt" AT TIME ZONE 'UTC',
ALTER COLUMN "restoredAt" SET DATA TYPE TIMESTAMPTZ(3) USING "restoredAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "CameoAction" ALTER COLUMN "requestedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "requestedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "approvedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "approvedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "startedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "startedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "completedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "completedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "LikenessComplaintReview" ALTER COLUMN "reviewedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "reviewedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "ProtectedLikeness" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "removedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "removedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "InviteWave" ALTER COLUMN "expiresAt" SET DATA TYPE TIMESTAMPTZ(3) USING "expiresAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "InviteBatch" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "completedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "completedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "InviteCode" ALTER COLUMN "expiresAt" SET DATA TYPE TIMESTAMPTZ(3) USING "expiresAt" AT TIME ZONE 'UTC',
ALTER COLUMN "revokedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "revokedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Redemption" ALTER COLUMN "redeemedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "redeemedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "auditedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "auditedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "InviteRedeemFailure" ALTER COLUMN "at" SET DATA TYPE TIMESTAMPTZ(3) USING "at" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "HashBankEntry" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "deactivatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "deactivatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "EmailNotice" ALTER COLUMN "nextAttemptAt" SET DATA TYPE TIMESTAMPTZ(3) USING "nextAttemptAt" AT TIME ZONE 'UTC',
ALTER COLUMN "sentAt" SET DATA TYPE TIMESTAMPTZ(3) USING "sentAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "PlatformEvent" ALTER COLUMN "occurredAt" SET DATA TYPE TIMESTAMPTZ(3) USING "occurredAt" AT TIME ZONE 'UTC',
ALTER COLUMN "receivedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "receivedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "OutboxEvent" ALTER COLUMN "nextAttemptAt" SET DATA TYPE TIMESTAMPTZ(3) USING "nextAttemptAt" AT TIME ZONE 'UTC',
ALTER COLUMN "deliveredAt" SET DATA TYPE TIMESTAMPTZ(3) USING "deliveredAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- sign_in_reserve (0014) takes and returns instants now; its body is unchanged.
DROP FUNCTION "sign_in_reserve"(JSONB, TIMESTAMP(3), TIMESTAMP(3), TIMESTAMP(3));
CREATE FUNCTION "sign_in_reserve"(p_counts JSONB, p_now TIMESTAMPTZ(3), p_window_start TIMESTAMPTZ(3), p_slow_start TIMESTAMPTZ(3))
RETURNS TABLE ("scope" TEXT, "reserved" BOOLEAN, "failures" INTEGER, "windowStartedAt" TIMESTAMPTZ(3), "lastAttemptAt" TIMESTAMPTZ(3))
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  c JSONB;
  taken BOOLEAN := true;
BEGIN
  BEGIN
    FOR c IN SELECT value FROM jsonb_array_elements(p_counts) LOOP
      INSERT INTO "SignInLimit" AS l ("scope", "key", "failures", "windowStartedAt", "lastAttemptAt")
      VALUES (c->>'scope', c->>'key', 1, p_now, p_now)
      ON CONFLICT ("scope", "key") DO UPDATE SET
        "failures" = CASE WHEN l."windowStartedAt" <= p_window_start THEN 1 ELSE l."failures" + 1 END,
        "windowStartedAt" = CASE WHEN l."windowStartedAt" <= p_window_start THEN p_now ELSE l."windowStartedAt" END,
        "lastAttemptAt" = p_now
      WHERE l."windowStartedAt" <= p_window_start
         OR (l."failures" < (c->>'limit')::int AND (l."failures" < (c->>'slowFrom')::int OR l."lastAttemptAt" <= p_slow_start));
      IF NOT FOUND THEN
        RAISE EXCEPTION 'sign-in limit reached' USING ERRCODE = 'VG001';
      END IF;
    END LOOP;
  EXCEPTION WHEN SQLSTATE 'VG001' THEN
    taken := false;
  END;
  RETURN QUERY
    SELECT l."scope", taken, l."failures", l."windowStartedAt", l."lastAttemptAt"
      FROM jsonb_array_elements(p_counts) WITH ORDINALITY AS e(c, n)
      JOIN "SignInLimit" l ON l."scope" = e.c->>'scope' AND l."key" = e.c->>'key'
     ORDER BY e.n;
END
$$;
