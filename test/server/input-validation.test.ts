// Malformed input to any procedure is refused with BAD_REQUEST naming the failing field — never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import type { Database } from "../../server/db/client.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { listProcedures } from "../support/procedures.ts";
import { trpcHttp, type TrpcErrorBody } from "../support/http.ts";

const withInput = listProcedures().filter((p) => p.input);
type Def = { type: string; shape?: Record<string, unknown>; options?: { _zod: { def: Def } }[] };
// Classic zod and zod/mini objects keep their fields in `_zod.def.shape`; a discriminated union is checked
// through its first option.
const firstObject = (schema: ZodType | undefined): Def | undefined => {
  const def = (schema as unknown as { _zod: { def: Def } } | undefined)?._zod.def;
  return def?.type === "union" ? def.options?.[0]?._zod.def : def;
};
const shapeOf = (schema: ZodType | undefined) => firstObject(schema)?.shape;
/** For a union: the discriminator value that selects the first option, so errors are about its fields. */
const discriminatorOf = (schema: ZodType | undefined): Record<string, unknown> => {
  const def = (schema as unknown as { _zod: { def: Def & { discriminator?: string } } } | undefined)?._zod.def;
  if (!def || def.type !== "union") return {};
  const key = def.discriminator ?? "type";
  const tag = firstObject(schema)?.shape?.[key] as { _zod?: { def?: { values?: unknown[] } } } | undefined;
  const value = tag?._zod?.def?.values?.[0];
  return value === undefined ? {} : { [key]: value };
};
// Wrong for every field type the inputs use: strings, numbers, booleans, enums, arrays, dates, uuids.
const WRONG = [[[]]];

describe("malformed input", () => {
  let db: Database;
  let cookie: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const admin = await createStaff(db, "admin");
    cookie = `vigil_session=${await sessionTokenFor(db, admin)}`;
  });
  afterAll(() => db.close());

  it("every input is an object schema, so fields can be named", () => {
    expect(withInput.length).toBeGreaterThan(5);
    for (const p of withInput) expect(shapeOf(p.input), p.path).toBeTypeOf("object");
  });

  const cases = withInput.flatMap((p) =>
    Object.keys(shapeOf(p.input) ?? {})
      .filter((field) => !(field in discriminatorOf(p.input)))
      .map((field) => ({ path: p.path, type: p.type, field, base: discriminatorOf(p.input) })),
  );

  it.each(cases)("$path with a malformed $field → 400 naming $field", async ({ path, type, field, base }) => {
    const res = await trpcHttp(db, path, type as "query" | "mutation", { ...base, [field]: WRONG }, { cookie });
    expect(res.status).toBe(400);
    const err = (res.body as TrpcErrorBody).error;
    expect(err.data.code).toBe("BAD_REQUEST");
    expect(err.message).toContain(field);
    expect(
      Object.keys(err.data.fieldErrors ?? {}).some(
        (k) => k === field || k.startsWith(`${field}[`) || k.startsWith(`${field}.`),
      ),
    ).toBe(true);
  });

  it.each(withInput)("$path with a non-object payload → 400", async ({ path, type }) => {
    const res = await trpcHttp(db, path, type as "query" | "mutation", "not an object", { cookie });
    expect(res.status).toBe(400);
    expect((res.body as TrpcErrorBody).error.data.code).toBe("BAD_REQUEST");
  });

  it("a body that is not JSON → 400", async () => {
    const { handleTrpcRequest } = await import("../../server/http/fetch-handler.ts");
    const { DEFAULT_AUTH_CONFIG } = await import("../../server/config.ts");
    const { silentLogger } = await import("../../server/lib/logger.ts");
    const res = await handleTrpcRequest(
      new Request("http://localhost/trpc/auth.signIn", {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: "{nope",
      }),
      { db, auth: DEFAULT_AUTH_CONFIG, log: silentLogger, now: () => new Date() },
    );
    expect(res.status).toBe(400);
  });

  it("a cursor this list did not produce → 400 naming cursor", async () => {
    const res = await trpcHttp(db, "case.list", "query", { cursor: "garbage" }, { cookie });
    expect(res.status).toBe(400);
    expect((res.body as TrpcErrorBody).error.message).toContain("cursor");
  });
});
