// Routers stay thin: a procedure validates its input with a schema from server/contracts, checks access and calls
// a domain function with the database handle. Queries, transactions and input schemas live elsewhere; this reads
// the router sources so the rule holds as routers are added.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROUTERS = path.resolve(import.meta.dirname, "../../server/routers");

/** What a router source does that belongs in a domain function or a contract, one line each. */
function shapeProblems(source: string): string[] {
  const problems: string[] = [];
  if (source.includes("ctx.db.prisma")) problems.push("reaches ctx.db.prisma: pass ctx.db to a domain function");
  if (source.includes("$transaction")) problems.push("runs a transaction: a domain function owns it");
  if (/\bz\.object\(/.test(source)) problems.push("defines a z.object schema: it belongs in server/contracts");
  const fromContracts = new Set<string>();
  for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"\.\.\/contracts\/[^"]+"/g)) {
    for (const name of m[1]!.split(",")) if (name.trim()) fromContracts.add(name.trim().replace(/^type\s+/, ""));
  }
  for (const m of source.matchAll(/\.input\(([^)]*)\)/g)) {
    const schema = m[1]!.trim();
    if (!fromContracts.has(schema)) problems.push(`input ${schema} is not a schema imported from server/contracts`);
  }
  return problems;
}

describe("router shape", () => {
  const files = fs.readdirSync(ROUTERS).filter((f) => f.endsWith(".ts"));

  it("finds the routers", () => {
    expect(files).toContain("case.ts");
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it("tells a thin router from one that queries, opens transactions or defines its inputs", () => {
    const thin = `import { CaseRef } from "../contracts/cases.ts";\nx.input(CaseRef).query(({ ctx, input }) => f(ctx.db, input));`;
    expect(shapeProblems(thin)).toEqual([]);
    const fat = [
      `const Ref = z.object({ id: z.uuid() });`,
      `x.input(Ref).query(({ ctx }) => ctx.db.prisma.case.findMany());`,
      `y.mutation(({ ctx }) => ctx.db.prisma.$transaction(async (tx) => tx.case.count()));`,
    ].join("\n");
    expect(shapeProblems(fat)).toEqual([
      "reaches ctx.db.prisma: pass ctx.db to a domain function",
      "runs a transaction: a domain function owns it",
      "defines a z.object schema: it belongs in server/contracts",
      "input Ref is not a schema imported from server/contracts",
    ]);
  });

  it.each(fs.readdirSync(ROUTERS).filter((f) => f.endsWith(".ts")))(
    "%s only validates, checks access and calls the domain",
    (file) => {
      expect(shapeProblems(fs.readFileSync(path.join(ROUTERS, file), "utf8"))).toEqual([]);
    },
  );
});
