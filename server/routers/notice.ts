import { router, staffProcedure } from "../trpc.ts";
import { counterNoticeForward, decisionNotice, receiptNotice } from "../domain/notices/templates.ts";

const SAMPLE = { reference: "TD-7K3M-9QP2", at: new Date("2026-11-25T09:00:00Z") };

export const noticeRouter = router({
  /** Every notice template filled with sample values, so staff can read what requesters receive. */
  previews: staffProcedure.query(() => [
    {
      kind: "receipt",
      label: "Receipt of a request",
      ...receiptNotice({
        reference: SAMPLE.reference,
        type: "take_it_down",
        receivedAt: SAMPLE.at,
        dueAt: new Date(SAMPLE.at.getTime() + 48 * 3_600_000),
        urls: ["https://app.example/p/post_000123"],
      }),
    },
    {
      kind: "decision",
      label: "Decision on a request",
      ...decisionNotice({
        reference: SAMPLE.reference,
        actioned: 3,
        total: 3,
        reason: "Non-consensual intimate imagery",
      }),
    },
    {
      kind: "counter_notice_forward",
      label: "Counter-notice forwarded to the complainant",
      ...counterNoticeForward({
        reference: SAMPLE.reference,
        postUrl: "https://app.example/p/post_000123",
        name: "Sam Uploader",
        address: "1 Main St, Springfield, IL",
        statement: "I swear under penalty of perjury that the video was removed by mistake.",
        restoreNotBefore: new Date("2026-12-09T14:00:00Z"),
        restoreNotAfter: new Date("2026-12-15T14:00:00Z"),
      }),
    },
  ]),
});
