// Walks every procedure of the app router: anonymous callers get UNAUTHORIZED and every role below the
// procedure's declared minimum gets FORBIDDEN. New procedures are covered without editing this file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { STAFF_ROLES, ROLE_RANK, type SessionUser } from "../../server/trpc.ts";
import type { Database } from "../../server/db/client.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { listProcedures } from "../support/procedures.ts";

const procedures = listProcedures();

async function call(db: Database, user: SessionUser | null, path: string): Promise<TRPCError | null> {
  const caller = callerFor(db, user) as unknown as Record<string, unknown>;
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    await fn(undefined);
    return null;
  } catch (err) {
    if (err instanceof TRPCError) return err;
    throw err;
  }
}

describe("authorization of every procedure", () => {
  let db: Database;
  const users = {} as Record<(typeof STAFF_ROLES)[number], SessionUser>;

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const role of STAFF_ROLES) users[role] = await createStaff(db, role);
  });
  afterAll(() => db.close());

  it("finds the procedures and every one declares a minimum role", () => {
    expect(procedures.length).toBeGreaterThan(10);
    for (const p of procedures) expect(p.minRole, `${p.path} has no meta.minRole`).toMatch(/^(public|moderator|staff|admin)$/);
  });

  it.each(procedures.filter((p) => p.minRole !== "public"))("$path refuses anonymous callers", async ({ path }) => {
    const err = await call(db, null, path);
    expect(err?.code, `${path} let an anonymous caller through`).toBe("UNAUTHORIZED");
  });

  it.each(procedures.filter((p) => p.minRole !== "public" && p.minRole !== "moderator"))(
    "$path ($minRole) refuses every lower role",
    async ({ path, minRole }) => {
      const lower = STAFF_ROLES.filter((r) => ROLE_RANK[r] < ROLE_RANK[minRole as keyof typeof ROLE_RANK]);
      expect(lower.length).toBeGreaterThan(0);
      for (const role of lower) {
        const err = await call(db, users[role], path);
        expect(err?.code, `${path} let a ${role} through`).toBe("FORBIDDEN");
      }
    },
  );

  it.each(procedures.filter((p) => p.minRole !== "public"))("$path lets its minimum role past authorization", async ({ path, minRole }) => {
    const err = await call(db, users[minRole as keyof typeof users], path);
    // Passing authorization means any refusal is about the input, never about who is asking.
    expect(["UNAUTHORIZED", "FORBIDDEN"]).not.toContain(err?.code);
  });
});
