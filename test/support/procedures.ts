// The app router's procedures, read from the router itself so new ones are covered by table-driven tests.
import type { ZodType } from "zod";
import { appRouter } from "../../server/router.ts";
import type { MinRole } from "../../server/trpc.ts";

type AnyProcedure = {
  _def: { type: "query" | "mutation" | "subscription"; meta?: { minRole?: MinRole }; inputs: ZodType[] };
};

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  minRole: MinRole | undefined;
  input: ZodType | undefined;
}

export function listProcedures(): ProcedureInfo[] {
  return Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>).map(([path, p]) => ({
    path,
    type: p._def.type,
    minRole: p._def.meta?.minRole,
    input: p._def.inputs[0],
  }));
}
