// Invite waves for admins: waves and their status, batches with progress, the codes table, revocation, the
// invite tree, abuse signals and the redemption chart. Thin: the rules live in server/domain/invites.
import { adminProcedure, router, staffActorOf } from "../trpc.ts";
import {
  AbuseSignalsInput,
  BatchInput,
  CodesListInput,
  CreateWaveInput,
  ExportUrlInput,
  IssueBatchInput,
  RedemptionSeriesInput,
  RevokeInput,
  SetWaveStatusInput,
  TopInvitersInput,
  TreeInput,
  UpdateWaveInput,
  WaveInput,
} from "../contracts/invites.ts";
import { createWave, getWave, setWaveStatus, updateWave } from "../domain/invites/waves.ts";
import { getBatch, issueBatch } from "../domain/invites/issuing.ts";
import { listCodes } from "../domain/invites/codes.ts";
import { revokeInviteCodes } from "../domain/invites/revoke.ts";
import { abuseSignals, inviteTree, topInviters } from "../domain/invites/tree.ts";
import { redemptionSeries } from "../domain/invites/series.ts";
import { listWaves } from "../domain/invites/wave-list.ts";
import { inviteCodesExportUrl } from "../domain/invites/export-link.ts";

export const inviteWaveRouter = router({
  /** Waves with their issued and redeemed totals, newest first. */
  list: adminProcedure.query(({ ctx }) => listWaves(ctx.db)),

  /** One wave: settings, totals, its batches with progress, and the statuses it may move to. */
  get: adminProcedure.input(WaveInput).query(({ ctx, input }) => getWave(ctx.db, input.waveId)),

  /** A new wave, as a draft: codes can be issued and exported before it opens. */
  create: adminProcedure
    .input(CreateWaveInput)
    .mutation(({ ctx, input }) => createWave(ctx.db, input, staffActorOf(ctx), ctx.now())),

  /**
   * Changes settings. Regions, platforms and status apply to existing codes at redemption; the wave's expiry is
   * checked too, so an earlier expiry stops issued codes, while codes keep the expiry they were issued with. Uses
   * per code and allotment apply to codes issued later.
   */
  update: adminProcedure
    .input(UpdateWaveInput)
    .mutation(({ ctx, input }) => updateWave(ctx.db, input, staffActorOf(ctx), ctx.now())),

  /** draft → active ⇄ paused → closed. While paused, redemptions are refused with "wave paused". */
  setStatus: adminProcedure
    .input(SetWaveStatusInput)
    .mutation(({ ctx, input }) => setWaveStatus(ctx.db, input, staffActorOf(ctx), ctx.now())),

  /**
   * Issues `count` codes. Up to 10,000 are issued before this answers (status "complete"); larger batches answer
   * at once with status "issuing" and continue in the background: poll inviteWave.batch for progress.
   */
  issueBatch: adminProcedure
    .input(IssueBatchInput)
    .mutation(({ ctx, input }) => issueBatch(ctx.db, input, staffActorOf(ctx), { now: ctx.now, log: ctx.log })),

  /** A batch's progress: issuedCount of size, status issuing / complete / failed. */
  batch: adminProcedure.input(BatchInput).query(({ ctx, input }) => getBatch(ctx.db, input.batchId)),

  /** Keyset pages of codes (oldest first) for the virtualized table; `total` comes with the first page. */
  codes: adminProcedure.input(CodesListInput).query(({ ctx, input }) => listCodes(ctx.db, input)),

  /** Where the browser downloads the codes as CSV (streamed; admin session; audited). */
  exportUrl: adminProcedure.input(ExportUrlInput).query(({ ctx, input }) => inviteCodesExportUrl(ctx.db, input)),

  /** Revokes by code list, batch, wave or inviter, with a reason; the platform is told through the outbox. */
  revoke: adminProcedure
    .input(RevokeInput)
    .mutation(({ ctx, input }) => revokeInviteCodes(ctx.db, input, staffActorOf(ctx), ctx.now())),

  /** An account's place in the invite tree: its inviters up to the root, its invitees, and counts. */
  tree: adminProcedure.input(TreeInput).query(({ ctx, input }) => inviteTree(ctx.db, input)),

  /** A wave's members whose shared codes brought in the most people. */
  topInviters: adminProcedure.input(TopInvitersInput).query(({ ctx, input }) => topInviters(ctx.db, input)),

  /** Codes with suspended redeemers, codes redeemed from many regions quickly, inviters of many suspended accounts. */
  abuseSignals: adminProcedure.input(AbuseSignalsInput).query(({ ctx, input }) => abuseSignals(ctx.db, input)),

  /** Redemptions per hour or day for one wave, with a running total, for the chart. */
  redemptionSeries: adminProcedure
    .input(RedemptionSeriesInput)
    .query(({ ctx, input }) => redemptionSeries(ctx.db, input, ctx.now())),
});
