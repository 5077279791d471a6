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

-- Reserves one failure for a sign-in attempt in every one of its counts, or in none, in one statement.
-- p_counts: a JSON array of {"scope", "key", "limit", "slowFrom"}, in the order rows are locked. A count takes the
-- attempt unless it is full, or slowed down (slowFrom failures or more) with its last attempt after p_slow_start;
-- a count whose window opened at or before p_window_start starts over. ON CONFLICT DO UPDATE locks each row, so
-- concurrent calls on any number of connections wait for each other and none passes a limit; a refused count
-- rolls back the counts taken before it. Returns each count as it stands afterwards, and whether it was taken.
CREATE FUNCTION "sign_in_reserve"(p_counts JSONB, p_now TIMESTAMP(3), p_window_start TIMESTAMP(3), p_slow_start TIMESTAMP(3))
RETURNS TABLE ("scope" TEXT, "reserved" BOOLEAN, "failures" INTEGER, "windowStartedAt" TIMESTAMP(3), "lastAttemptAt" TIMESTAMP(3))
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
