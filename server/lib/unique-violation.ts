// Whether a database error is a unique-constraint violation, however it reached us: Prisma's P2002, or the
// driver adapter's error (PGlite and pg word it differently) with PostgreSQL's code 23505.
export function isUniqueViolation(err: unknown): boolean {
  const e = err as {
    code?: string;
    meta?: { driverAdapterError?: { cause?: { code?: string; originalCode?: string; kind?: string } } };
    message?: string;
  };
  const cause = e.meta?.driverAdapterError?.cause;
  return (
    e.code === "P2002" ||
    e.code === "23505" ||
    cause?.code === "23505" ||
    cause?.originalCode === "23505" ||
    cause?.kind === "UniqueConstraintViolation" ||
    /23505|unique constraint/i.test(e.message ?? "")
  );
}
