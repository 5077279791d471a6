// The decisions the platform must apply become exactly one webhook event each; the rest stay in Vigil.
import { describe, expect, it } from "vitest";
import { ActionType } from "../../server/db/generated/enums.ts";
import { WebhookEvent } from "../../server/contracts/platform-webhooks.ts";
import { outboxEventForDecision, WEBHOOK_FOR_ACTION } from "../../server/domain/outbox/decision-events.ts";

describe("outboxEventForDecision", () => {
  it("maps every platform-facing action to a webhook the contract allows", () => {
    for (const action of Object.values(ActionType)) {
      const event = outboxEventForDecision({
        id: "0193a5a0-0000-7000-8000-00000000000a",
        type: action,
        postId: "p1",
        accountId: "a1",
        cameoId: "c1",
        cameoGrantId: "g1",
        reason: "policy violation",
      });
      if (!WEBHOOK_FOR_ACTION[action]) {
        expect(event, action).toBeNull();
        continue;
      }
      const parsed = WebhookEvent.safeParse({
        id: "0193a5a0-0000-7000-8000-00000000000b",
        type: event!.type,
        occurredAt: "2026-11-25T10:00:00Z",
        subject: event!.subject,
        data: event!.data,
      });
      expect(parsed.success, `${action}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it("keeps moderation-internal actions out of the outbox", () => {
    for (const action of ["dismiss", "escalate", "add_strike"] as const) {
      expect(outboxEventForDecision({ id: "d", type: action, postId: "p1", reason: "r" })).toBeNull();
    }
  });

  it("addresses each event to the record the platform changes, with the statement of reasons", () => {
    expect(
      outboxEventForDecision({
        id: "d1",
        type: "revoke_cameo_grant",
        cameoId: "c1",
        cameoGrantId: "g1",
        reason: "owner withdrew consent",
      }),
    ).toMatchObject({
      type: "cameo.grant.revoked",
      subject: { type: "cameo_grant", id: "g1" },
      data: { cameoId: "c1", reason: "owner withdrew consent" },
    });
    const suspended = outboxEventForDecision({
      id: "d2",
      type: "suspend_account",
      accountId: "a9",
      reason: "repeat NCII",
      policyCode: "ncii",
      dsaGround: "illegal_content",
      territorialScope: ["EEA"],
      suspendedUntil: new Date("2026-12-25T00:00:00Z"),
    });
    expect(suspended).toMatchObject({
      type: "account.suspended",
      subject: { type: "account", id: "a9" },
      data: {
        policy: "ncii",
        dsaGround: "illegal_content",
        territorialScope: ["EEA"],
        suspendedUntil: "2026-12-25T00:00:00.000Z",
      },
    });
    expect(
      outboxEventForDecision({ id: "d3", type: "ban_account", accountId: "a9", reason: "csam" })?.data,
    ).toMatchObject({ permanent: true });
  });

  it("refuses a platform-facing decision without a subject", () => {
    expect(() => outboxEventForDecision({ id: "d4", type: "take_down_post", reason: "r" })).toThrow(/no subject/);
  });
});
