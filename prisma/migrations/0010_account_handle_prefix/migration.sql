-- Account search by the start of a handle, case-insensitive: lower(handle) in C collation serves both the prefix
-- LIKE and the ORDER BY of the results from one index (Prisma's schema cannot express an expression index).
CREATE INDEX "Account_handle_lower_prefix_idx" ON "Account" ((lower("handle") COLLATE "C"));
