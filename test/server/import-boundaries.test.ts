// The lint rules in .oxlintrc.json keep the layers apart: a client feature imports only its own files and the shared
// client/components and client/lib, and server/domain never imports the tRPC or HTTP layer. Each case lints a
// throwaway file placed where the rule applies, with the project's oxlint and config.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const created: string[] = [];

/** Lints `source` as a file at `file` (relative to the project root); returns oxlint's report, failed or not. */
async function lint(file: string, source: string): Promise<{ failed: boolean; report: string }> {
  const dir = path.join(root, path.dirname(file), `zz-lint-fixture-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  created.push(dir);
  const target = path.join(dir, path.basename(file));
  fs.writeFileSync(target, source);
  try {
    const { stdout } = await run(path.join(root, "node_modules/.bin/oxlint"), [path.relative(root, target)], {
      cwd: root,
    });
    return { failed: false, report: stdout };
  } catch (err) {
    return { failed: true, report: String((err as { stdout?: string }).stdout) };
  }
}

afterEach(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

// A fixture sits one folder deeper than the path given, so these name files two and three levels inside a feature.
describe("a client feature", () => {
  it.each([
    ["client/features/queues/x.tsx", `import { useCase } from "../../review/api/get-case.ts";`],
    ["client/features/queues/components/x.tsx", `export { CasePage } from "../../../review/components/case-page.tsx";`],
    ["client/features/queues/x.tsx", `import { useCase } from "../../../features/review/api/get-case.ts";`],
    [
      "client/features/queues/components/x.tsx",
      `const page = () => import("../../../review/components/case-page.tsx");`,
    ],
  ])("may not import another feature's files (%s: %s)", async (file, source) => {
    const { failed, report } = await lint(file, `${source}\n`);
    expect(failed).toBe(true);
    expect(report).toMatch(/no-restricted-imports[\s\S]*A feature imports only its own files/);
  });

  it("may import its own files and the shared components and lib", async () => {
    const { failed, report } = await lint(
      "client/features/queues/components/x.tsx",
      [
        `import { a } from "../../api/list-cases.ts";`,
        `import { b } from "../x-helper.ts";`,
        `import { c } from "../../../../components/table.tsx";`,
        `import { d } from "../../../../lib/trpc.ts";`,
        `import { e } from "../../../../../server/contracts/x.ts";`,
        `export const all = [a, b, c, d, e];`,
      ].join("\n"),
    );
    expect(report).not.toMatch(/no-restricted-imports/);
    expect(failed).toBe(false);
  });
});

describe("server/domain", () => {
  it.each([
    `import { roleAtLeast } from "../../../trpc.ts";`,
    `import type { AppRouter } from "../../../router.ts";`,
    `import { caseRouter } from "../../../routers/case.ts";`,
    `import { createApp } from "../../../http/app.ts";`,
    `import { TRPCError } from "@trpc/server";`,
    `import express from "express";`,
  ])("may not import the tRPC or HTTP layer (%s)", async (source) => {
    const { failed, report } = await lint("server/domain/cases/x.ts", `${source}\n`);
    expect(failed).toBe(true);
    expect(report).toMatch(/no-restricted-imports[\s\S]*does not depend on the tRPC or HTTP layer/);
  });

  it("may import the database, the lib and other domain areas", async () => {
    const { failed, report } = await lint(
      "server/domain/cases/x.ts",
      [
        `import type { Database } from "../../../db/client.ts";`,
        `import { DomainError } from "../../../lib/errors.ts";`,
        `import { roleAtLeast } from "../../access/roles.ts";`,
        `export const all = [DomainError, roleAtLeast] as const; export type D = Database;`,
      ].join("\n"),
    );
    expect(report).not.toMatch(/no-restricted-imports/);
    expect(failed).toBe(false);
  });
});
