// Hash lists in and out of a bank over HTTP: checked whole (bad lines by number, nothing partial kept), stored with
// their source, matched with it, exported in the same format without loss.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app-server.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { formatVpdqValue, formatHashLine, formatHashListHeader } from "../../server/domain/hashbank/hash-list.ts";
import { hashIndexFor } from "../../server/domain/hashbank/index-service.ts";
import { matchSignal } from "../../server/domain/hashbank/match-signal.ts";

const hex = (bytes = 32) => crypto.randomBytes(bytes).toString("hex");

describe("hash list import and export", () => {
  const app = useTestApp();

  async function setUp() {
    const staff = await createStaff(app.db, "staff");
    const admin = await createStaff(app.db, "admin");
    const bank = await callerFor(app.db, admin).hashBank.createBank({ name: `Shared ${hex(3)}`, kind: "ncii" });
    const cookie = `vigil_session=${await sessionTokenFor(app.db, staff)}`;
    return { staff, bank, cookie };
  }
  const upload = (cookie: string, query: string, body: string) =>
    fetch(`${app.base}/hash-lists/import?${query}`, {
      method: "POST",
      headers: { cookie, "content-type": "text/csv" },
      body,
    });

  it("refuses a list with bad lines whole, naming each line, and stores nothing", async () => {
    const { bank, cookie } = await setUp();
    const lines = Array.from({ length: 1_000 }, () => `pdq,${hex()}`);
    lines[10] = "pdq,xyz";
    lines[500] = "pdqq,".concat(hex());
    lines[998] = `sha256,${hex(16)}`;
    const res = await upload(cookie, `bankId=${bank.id}&source=StopNCII`, `${lines.join("\n")}\n`);
    expect(res.status).toBe(422);
    const outcome = (await res.json()) as {
      status: string;
      errors: { line: number; message: string }[];
      errorCount: number;
    };
    expect(outcome.status).toBe("refused");
    expect(outcome.errorCount).toBe(3);
    expect(outcome.errors.map((e) => e.line)).toEqual([11, 501, 999]);
    expect(await app.db.prisma.hashBankEntry.count({ where: { bankId: bank.id } })).toBe(0);
    const [imp] = await callerFor(app.db, await createStaff(app.db, "staff")).hashBank.imports({ bankId: bank.id });
    expect(imp).toMatchObject({ status: "refused", errorCount: 3, source: "StopNCII" });
  });

  it("stores a good list with its source, matches with it, and exports it without loss", async () => {
    const { bank, cookie } = await setUp();
    const single = hex();
    const frames = Array.from({ length: 4 }, (_, i) => ({ pdq: hex(), quality: 80 + i, atMs: i * 1_000 }));
    const md5 = hex(16);
    const sha = hex();
    const list =
      formatHashListHeader() +
      formatHashLine({ signalType: "pdq", value: single }) +
      formatHashLine({ signalType: "vpdq", value: formatVpdqValue(frames) }) +
      formatHashLine({ signalType: "video_md5", value: md5 }) +
      formatHashLine({ signalType: "sha256", value: sha }) +
      formatHashLine({ signalType: "pdq", value: single });
    const res = await upload(cookie, `bankId=${bank.id}&source=Industry%20list&listDate=2026-05-01`, list);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "done", entries: 7, lines: 6, errorCount: 0 });
    const entries = await app.db.prisma.hashBankEntry.findMany({
      where: { bankId: bank.id },
      include: { import: true },
    });
    expect(entries.every((e) => e.import?.source === "Industry list")).toBe(true);
    expect(entries.find((e) => e.hash === single)).toMatchObject({ kind: "perceptual", signalType: "pdq" });

    const index = hashIndexFor(app.db);
    await index.sync();
    const found = await matchSignal(app.db, index, { signal_type: "pdq", signal: single }, { maxDistance: 31 });
    expect(found[bank.name]).toEqual([
      expect.objectContaining({ distance: 0, source: "Industry list", bank_kind: "ncii" }),
    ]);

    const exported = await fetch(`${app.base}/hash-lists/export?bankId=${bank.id}`, { headers: { cookie } });
    expect(exported.status).toBe(200);
    const text = await exported.text();
    const body = (t: string) => t.trim().split("\n").slice(1).sort();
    expect(body(text)).toEqual(body(list).filter((l, i, all) => all.indexOf(l) === i));
    // the export imported into another bank comes out the same
    const other = await callerFor(app.db, await createStaff(app.db, "admin")).hashBank.createBank({
      name: `Copy ${hex(3)}`,
      kind: "ncii",
    });
    expect((await upload(cookie, `bankId=${other.id}&source=Round%20trip`, text)).status).toBe(200);
    const again = await (
      await fetch(`${app.base}/hash-lists/export?bankId=${other.id}`, { headers: { cookie } })
    ).text();
    expect(body(again)).toEqual(body(text));
    expect(await app.db.prisma.auditLog.count({ where: { action: "hash_bank.export", subjectId: bank.id } })).toBe(1);
  });

  it("stores a file hash or single PDQ hash the bank already holds once, whichever import brought it", async () => {
    const { bank, cookie } = await setUp();
    const [pdq, sha, fresh] = [hex(), hex(), hex()];
    const first =
      formatHashListHeader() +
      formatHashLine({ signalType: "pdq", value: pdq }) +
      formatHashLine({ signalType: "sha256", value: sha });
    expect(await (await upload(cookie, `bankId=${bank.id}&source=First`, first)).json()).toMatchObject({ entries: 2 });
    const second = first + formatHashLine({ signalType: "pdq", value: fresh });
    expect(await (await upload(cookie, `bankId=${bank.id}&source=Second`, second)).json()).toMatchObject({
      status: "done",
      entries: 1,
    });
    const stored = await app.db.prisma.hashBankEntry.findMany({
      where: { bankId: bank.id },
      include: { import: true },
    });
    expect(stored.map((e) => `${e.hash} ${e.import?.source}`).sort()).toEqual(
      [`${pdq} First`, `${sha} First`, `${fresh} Second`].sort(),
    );
  });

  it("takes plain lists of a declared type, and keeps moderators and strangers out", async () => {
    const { bank, cookie } = await setUp();
    const res = await upload(
      cookie,
      `bankId=${bank.id}&source=Partner&declaredType=video_md5`,
      `${hex(16)}\n${hex(16)}\n`,
    );
    expect(await res.json()).toMatchObject({ status: "done", entries: 2 });
    const moderator = await createStaff(app.db, "moderator");
    const modCookie = `vigil_session=${await sessionTokenFor(app.db, moderator)}`;
    expect((await upload(modCookie, `bankId=${bank.id}&source=x`, "")).status).toBe(403);
    expect((await fetch(`${app.base}/hash-lists/export?bankId=${bank.id}`)).status).toBe(401);
    const bad = await upload(cookie, `bankId=nope&source=Partner`, "");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("bankId");
    const cross = await fetch(`${app.base}/hash-lists/import?bankId=${bank.id}&source=x`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
      body: "",
    });
    expect(cross.status).toBe(403);
  });
});
