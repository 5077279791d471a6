// Statements of reasons for the EU DSA Transparency Database: what staff export must pass the database's published
// rules, come in batches it accepts, leave out every non-restrictive decision and carry no personal data.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { Database } from "../../server/db/client.ts";
import type { ActionType } from "../../server/db/generated/enums.ts";
import type { Prisma } from "../../server/db/generated/client.ts";
import { createCallerFactory, router, type SessionUser } from "../../server/trpc.ts";
import { sorRouter } from "../../server/routers/sor.ts";
import { exportStatements, newExportReport, toCsv } from "../../server/domain/sor/export.ts";
import { STATEMENT_FIELDS, type TransparencyStatement } from "../../server/domain/sor/transparency-db.ts";
import { validateBatch, validateStatement } from "../../server/domain/sor/validate.ts";
import { EEA_COUNTRIES } from "../../server/domain/sor/vocabulary.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor, contextFor } from "../support/caller.ts";
import { insertAccount, insertCase, insertPost } from "../support/fixtures.ts";

const createSorCaller = createCallerFactory(router({ sor: sorRouter }));

/** A minimal RFC 4180 reader, to prove what toCsv writes reads back unchanged. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => void (row.push(cell), (cell = ""));
  const endRow = () => void (endCell(), rows.push(row), (row = []));
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted) cell += ch;
    else if (ch === ",") endCell();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endRow();
      i++;
    } else cell += ch;
  }
  if (cell || row.length) endRow();
  return rows;
}

const day = (d: string) => new Date(`${d}T12:00:00.000Z`);

describe("statements of reasons export", () => {
  let db: Database;
  let priya: SessionUser;
  let ana: SessionUser;
  let policies: Record<string, { id: string; name: string }>;
  const sorAs = (user: SessionUser, now?: Date) =>
    createSorCaller(contextFor(db, user, now ? { now: () => now } : {})).sor;

  /** A decision row as the console's other writers (bulk, cameo, takedown) would write it. */
  const decisionData = (
    data: Partial<Prisma.DecisionUncheckedCreateInput> & { type: ActionType; createdAt: Date },
  ) => ({
    subjectType: "post" as const,
    reason: "Internal note that must stay internal",
    policyId: policies.violence!.id,
    dsaGround: "incompatible_content" as const,
    dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
    visibilityDecision: "removed",
    territorialScope: ["EEA"],
    actorId: priya.id,
    authority: "staff" as const,
    ...data,
  });
  const decisionRow = (data: Parameters<typeof decisionData>[0]) =>
    db.prisma.decision.create({ data: decisionData(data) });
  const puidsOf = (r: { format: string; batches?: { statements: TransparencyStatement[] }[] }) =>
    (r.batches ?? []).flatMap((b) => b.statements.map((s) => s.puid));

  async function exportAll(since: string, until: string) {
    const report = newExportReport();
    const batches: TransparencyStatement[][] = [];
    for await (const b of exportStatements(db, {
      since: new Date(`${since}T00:00:00Z`),
      until: new Date(`${until}T00:00:00Z`),
      report,
    }))
      batches.push(b);
    return { batches, report, statements: batches.flat() };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    priya = await createStaff(db, "staff", "Priya Raman");
    ana = await createStaff(db, "moderator", "Ana Lima");
    const rows = await db.prisma.policy.findMany({ select: { id: true, code: true, name: true } });
    policies = Object.fromEntries(rows.map((p) => [p.code, p]));
  });
  afterAll(() => db.close());

  it("turns a reviewer's take-down into a valid statement that names no one", async () => {
    const prompt = "Dana Whitfield dancing outside her flat at 12 Elm Road";
    const c = await insertCase(db, { creatorHandle: "dana_whitfield_88", prompt });
    await db.prisma.signal.create({
      data: {
        kind: "classifier_flag",
        subjectType: "post",
        postId: c.postId,
        caseId: c.id,
        model: "nsfw-v3",
        score: 0.97,
        occurredAt: new Date(),
      },
    });
    const reason = "Reported by dana.whitfield@example.com, see https://example.com/evidence — call +44 20 7946 0958";
    const decided = await callerFor(db, ana, { now: () => day("2026-02-10") }).case.decide({
      caseId: c.id,
      expectedVersion: c.version,
      action: "take_down_post",
      policyId: policies.violence!.id,
      reason,
      statement: {
        dsaGround: "incompatible_content",
        dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
        visibility: "removed",
        automatedDetection: true,
        automatedDecision: false,
        territorialScope: ["WORLD"],
      },
    });

    const result = await sorAs(priya).export({ since: "2026-02-10", until: "2026-02-10", format: "json" });
    expect(result.format).toBe("json");
    if (result.format !== "json") return;
    const statement = result.batches.flatMap((b) => b.statements).find((s) => s.puid === `vigil-${decided.decisionId}`);
    expect(statement).toMatchObject({
      decision_visibility: ["DECISION_VISIBILITY_CONTENT_REMOVED"],
      decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
      incompatible_content_illegal: "No",
      content_type: expect.arrayContaining(["CONTENT_TYPE_VIDEO"]),
      category: "STATEMENT_CATEGORY_VIOLENCE",
      territorial_scope: [...EEA_COUNTRIES],
      content_date: "2026-01-02",
      application_date: "2026-02-10",
      source_type: "SOURCE_VOLUNTARY",
      automated_detection: "Yes",
      automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED",
    });
    expect(statement!.decision_facts).toContain(policies.violence!.name);
    for (const batch of result.batches) expect(validateBatch(batch.statements)).toEqual([]);

    const published = JSON.stringify(result) + toCsv(result.batches.flatMap((b) => b.statements));
    for (const personal of [
      "dana_whitfield_88",
      "Dana",
      "Elm Road",
      "example.com",
      "7946",
      "Ana Lima",
      "Priya Raman",
      ana.email,
      reason,
    ]) {
      expect(published, `the export contains ${personal}`).not.toContain(personal);
    }
    const audit = await db.prisma.auditLog.findFirst({
      where: { action: "sor.export", actorId: priya.id },
      orderBy: { id: "desc" },
    });
    expect(audit?.details).toMatchObject({
      since: "2026-02-10",
      until: "2026-02-10",
      format: "json",
      count: result.count,
    });
  });

  it("suspensions carry the account restriction and its end date; a legacy category is translated", async () => {
    const c = await insertCase(db, { creatorHandle: "repeat_offender_x" });
    const decided = await callerFor(db, ana, { now: () => day("2026-02-11") }).case.decide({
      caseId: c.id,
      expectedVersion: c.version,
      action: "suspend_account",
      suspendDays: 7,
      policyId: policies.ncii!.id,
      reason: "Third intimate-image upload this month",
      statement: {
        dsaGround: "illegal_content",
        dsaCategory: "STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR",
        visibility: "removed",
        automatedDetection: false,
        automatedDecision: false,
        territorialScope: ["DE", "FR", "US"],
        legalReference: "§ 201a StGB; Directive (EU) 2024/1385 — ask jo.doe@example.org, +49 30 1234 5678, @jodoe",
      },
    });
    const { statements } = await exportAll("2026-02-11", "2026-02-12");
    const s = statements.find((x) => x.puid === `vigil-${decided.decisionId}`);
    expect(s).toMatchObject({
      decision_account: "DECISION_ACCOUNT_SUSPENDED",
      end_date_account_restriction: "2026-02-18",
      decision_ground: "DECISION_GROUND_ILLEGAL_CONTENT",
      illegal_content_legal_ground: expect.stringContaining("2024/1385"),
      category: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
      category_specification: ["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING"],
      territorial_scope: ["DE", "FR"],
    });
    expect(s!.illegal_content_legal_ground).toBe("§ 201a StGB; Directive (EU) 2024/1385 — ask");
    expect(s).not.toHaveProperty("decision_visibility");
    expect(validateStatement(s)).toEqual([]);
  });

  it("names the source from the case's signals and takedown requests", async () => {
    const at = day("2026-03-01");
    const sourceOf = async (setup: (caseId: string, postId: string) => Promise<unknown>) => {
      const c = await insertCase(db);
      await setup(c.id, c.postId!);
      const d = await decisionRow({ type: "take_down_post", postId: c.postId, caseId: c.id, createdAt: at });
      const { statements } = await exportAll("2026-03-01", "2026-03-02");
      return statements.find((s) => s.puid === `vigil-${d.id}`)?.source_type;
    };
    const takedown = (caseId: string, postId: string, type: "dsa_notice" | "dmca", isTrustedFlagger = false) =>
      db.prisma.takedownRequest.create({
        data: {
          reference: `TD-${crypto.randomBytes(4).toString("hex")}`,
          type,
          source: "web_form",
          authority: "self",
          isTrustedFlagger,
          requesterName: "Marta Kowalska",
          requesterEmail: "marta@example.org",
          receivedAt: at,
          caseId,
          posts: { create: { postId, matchedBy: "url" } },
        },
      });
    const report = (caseId: string, postId: string) =>
      db.prisma.signal.create({
        data: {
          kind: "user_report",
          subjectType: "post",
          postId,
          caseId,
          reason: "nudity",
          text: "this is my ex",
          occurredAt: at,
        },
      });

    expect(await sourceOf(async () => {})).toBe("SOURCE_VOLUNTARY");
    expect(await sourceOf(report)).toBe("SOURCE_TYPE_OTHER_NOTIFICATION");
    expect(await sourceOf((c, p) => takedown(c, p, "dmca"))).toBe("SOURCE_TYPE_OTHER_NOTIFICATION");
    expect(await sourceOf(async (c, p) => (await report(c, p), takedown(c, p, "dsa_notice")))).toBe(
      "SOURCE_ARTICLE_16",
    );
    expect(await sourceOf((c, p) => takedown(c, p, "dsa_notice", true))).toBe("SOURCE_TRUSTED_FLAGGER");

    const { statements } = await exportAll("2026-03-01", "2026-03-02");
    const text = JSON.stringify(statements);
    for (const personal of ["Marta", "marta@example.org", "this is my ex"]) expect(text).not.toContain(personal);
  });

  it("250 decisions come out as batches of 100, 100 and 50, in time order, with unique puids", async () => {
    const acc = await insertAccount(db);
    const post = await insertPost(db, acc.id);
    const base = day("2025-06-01").getTime();
    // Three decisions share each instant, so the keyset must break ties on id.
    await db.prisma.decision.createMany({
      data: Array.from({ length: 250 }, (_, i) =>
        decisionData({
          type: "take_down_post",
          postId: post.id,
          createdAt: new Date(base + Math.floor(i / 3) * 1_000),
        }),
      ),
    });
    const report = newExportReport();
    const batches: TransparencyStatement[][] = [];
    for await (const b of exportStatements(db, {
      since: day("2025-06-01"),
      until: day("2025-06-02"),
      report,
      pageSize: 7,
    }))
      batches.push(b);

    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(report).toMatchObject({ exported: 250, invalid: [], outsideEea: 0 });
    for (const b of batches) expect(validateBatch(b)).toEqual([]);
    const puids = batches.flat().map((s) => s.puid);
    expect(new Set(puids).size).toBe(250);
    const ordered = await db.prisma.decision.findMany({
      where: { postId: post.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(puids).toEqual(ordered.map((d) => `vigil-${d.id}`));

    // The procedure's limit stops an export part-way; its cursor resumes exactly where it stopped.
    const first = await sorAs(priya).export({ since: "2025-06-01", until: "2025-06-01", format: "json", limit: 130 });
    expect(first.count).toBe(130);
    expect(first.nextCursor).not.toBeNull();
    const rest = await sorAs(priya).export({
      since: "2025-06-01",
      until: "2025-06-01",
      format: "json",
      cursor: first.nextCursor!,
    });
    expect(rest).toMatchObject({ count: 120, nextCursor: null });
    expect([...puidsOf(first), ...puidsOf(rest)]).toEqual(puids);
  });

  it("leaves out decisions that restrict nothing, and the days outside since/until", async () => {
    const c = await insertCase(db);
    const restrictive = await decisionRow({
      type: "hold_post",
      postId: c.postId,
      visibilityDecision: "not_restricted",
      createdAt: day("2026-04-02"),
    });
    for (const type of ["dismiss", "escalate", "restore_post", "reinstate_account", "reinstate_cameo"] as const) {
      await decisionRow({ type, postId: c.postId, createdAt: day("2026-04-02") });
    }
    const before = await decisionRow({ type: "take_down_post", postId: c.postId, createdAt: day("2026-04-01") });
    const after = await decisionRow({ type: "take_down_post", postId: c.postId, createdAt: day("2026-04-03") });

    const result = await sorAs(priya).export({ since: "2026-04-02", until: "2026-04-02", format: "json" });
    expect(puidsOf(result)).toEqual([`vigil-${restrictive.id}`]);
    expect(result).toMatchObject({ count: 1, invalid: [], outsideEea: 0 });
    const wider = await sorAs(priya).export({ since: "2026-04-01", format: "json" });
    expect(puidsOf(wider)).toEqual(
      expect.arrayContaining([`vigil-${before.id}`, `vigil-${restrictive.id}`, `vigil-${after.id}`]),
    );
    expect(result.format === "json" && result.batches[0]!.statements[0]!.decision_visibility).toEqual([
      "DECISION_VISIBILITY_CONTENT_DISABLED",
    ]);
  });

  it("counts decisions outside the EEA and lists the ones it cannot state, without dropping the rest", async () => {
    const c = await insertCase(db);
    const usOnly = await decisionRow({
      type: "take_down_post",
      postId: c.postId,
      territorialScope: ["US"],
      createdAt: day("2026-05-01"),
    });
    const noGround = await decisionRow({
      type: "take_down_post",
      postId: c.postId,
      policyId: null,
      dsaGround: null,
      createdAt: day("2026-05-01"),
    });
    const fine = await decisionRow({ type: "take_down_post", postId: c.postId, createdAt: day("2026-05-01") });
    const result = await sorAs(priya).export({ since: "2026-05-01", until: "2026-05-01", format: "json" });
    expect(result).toMatchObject({ count: 1, outsideEea: 1 });
    expect(result.invalid).toEqual([
      {
        decisionId: noGround.id,
        puid: `vigil-${noGround.id}`,
        issues: [expect.objectContaining({ field: "decision_ground" })],
      },
    ]);
    expect(JSON.stringify(result)).toContain(`vigil-${fine.id}`);
    expect(JSON.stringify(result)).not.toContain(usOnly.id);
  });

  it("the validator refuses broken statements and names the field", async () => {
    const c = await insertCase(db);
    await decisionRow({ type: "take_down_post", postId: c.postId, createdAt: day("2026-06-01") });
    const { statements } = await exportAll("2026-06-01", "2026-06-02");
    const valid = statements[0]!;
    expect(validateStatement(valid)).toEqual([]);
    const fieldsOf = (s: unknown) => validateStatement(s).map((i) => i.field);

    const { decision_facts: _facts, ...withoutFacts } = valid;
    expect(fieldsOf(withoutFacts)).toEqual(["decision_facts"]);
    expect(fieldsOf({ ...valid, category: "STATEMENT_CATEGORY_MADE_UP" })).toEqual(["category"]);
    expect(fieldsOf({ ...valid, automated_decision: "Yes" })).toEqual(["automated_decision"]);
    expect(fieldsOf({ ...valid, content_date: "2026-02-30" })).toEqual(["content_date"]);
    expect(fieldsOf({ ...valid, territorial_scope: ["DE", "US"] })).toEqual(["territorial_scope"]);
    expect(fieldsOf({ ...valid, puid: "vigil 1" })).toEqual(["puid"]);
    expect(fieldsOf({ ...valid, end_date_visibility_restriction: "2021-01-01" })).toEqual([
      "end_date_visibility_restriction",
    ]);
    expect(fieldsOf({ ...valid, decision_ground: "DECISION_GROUND_ILLEGAL_CONTENT" })).toEqual([
      "illegal_content_legal_ground",
      "illegal_content_explanation",
    ]);
    expect(fieldsOf({ ...valid, decision_visibility: ["DECISION_VISIBILITY_OTHER"] })).toEqual([
      "decision_visibility_other",
    ]);
    const { decision_visibility: _v, ...noRestriction } = valid;
    expect(fieldsOf(noRestriction)).toEqual(["decision_visibility"]);
    const tooLong = validateStatement({ ...valid, decision_facts: "x".repeat(5_001) });
    expect(tooLong).toEqual([
      { index: 0, field: "decision_facts", message: "decision_facts is 5001 characters long; the limit is 5000" },
    ]);

    const many = Array.from({ length: 101 }, (_, i) => ({ ...valid, puid: `vigil-test-${i}` }));
    expect(validateBatch(many).map((i) => i.field)).toEqual(["statements"]);
    expect(validateBatch(many.slice(0, 100))).toEqual([]);
    expect(validateBatch([valid, { ...valid }])).toEqual([expect.objectContaining({ index: 1, field: "puid" })]);
  });

  it("CSV keeps quotes, commas and line breaks, and lists joined with semicolons", async () => {
    const name = `Fakes, "deep" or not`;
    const policy = await db.prisma.policy.create({
      data: {
        code: `csv_${crypto.randomBytes(3).toString("hex")}`,
        name,
        description: "Line one,\nline two",
        severity: 2,
        dsaCategory: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
        dsaGround: "incompatible_content",
      },
    });
    const c = await insertCase(db);
    const d = await decisionRow({
      type: "take_down_post",
      postId: c.postId,
      policyId: policy.id,
      dsaCategory: null,
      createdAt: day("2026-07-01"),
    });
    const json = await sorAs(priya).export({ since: "2026-07-01", until: "2026-07-01", format: "json" });
    const csv = await sorAs(priya).export({ since: "2026-07-01", until: "2026-07-01", format: "csv" });
    if (json.format !== "json" || csv.format !== "csv") throw new Error("wrong format");
    const statement = json.batches[0]!.statements[0]!;
    expect(statement.puid).toBe(`vigil-${d.id}`);
    expect(statement.decision_facts).toContain(name);

    const [header, row, ...rest] = parseCsv(csv.csv);
    expect(rest).toEqual([]);
    expect(header).toEqual([...STATEMENT_FIELDS]);
    const byField = Object.fromEntries(header!.map((f, i) => [f, row![i]]));
    expect(byField.decision_facts).toBe(statement.decision_facts);
    expect(byField.incompatible_content_explanation).toBe(statement.incompatible_content_explanation);
    expect(byField.incompatible_content_explanation).toContain("Line one,\nline two");
    expect(byField.territorial_scope).toBe(EEA_COUNTRIES.join(";"));
    expect(byField.account_type).toBe("");
  });

  it("writes reviewer-written text that a spreadsheet would run as a formula as text in the CSV", async () => {
    const at = day("2026-07-02");
    const c = await insertCase(db, { createdAt: at, deadlineAt: null });
    const formula = `=cmd|' /C calc'!A0, "Statute"`;
    await decisionRow({
      type: "take_down_post",
      postId: c.postId,
      dsaGround: "illegal_content",
      legalReference: formula,
      createdAt: at,
    });
    const csv = await sorAs(priya, at).export({ since: "2026-07-02", until: "2026-07-02", format: "csv" });
    if (csv.format !== "csv") throw new Error("wrong format");

    expect(csv.csv).toContain(`,"'=cmd|' /C calc'!A0, ""Statute""",`);
    const [header, row] = parseCsv(csv.csv);
    const byField = Object.fromEntries(header!.map((f, i) => [f, row![i]]));
    expect(byField.illegal_content_legal_ground).toBe(`'${formula}`);
  });

  it("is refused to moderators and rejects a period that ends before it starts", async () => {
    await expect(sorAs(ana).export({ format: "json" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const err = await sorAs(priya)
      .export({ since: "2026-02-10", until: "2026-02-01", format: "csv" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).message).toContain("until");
    await expect(sorAs(priya).export({ since: "2026-13-01", format: "json" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
