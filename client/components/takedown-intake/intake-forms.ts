// Per legal type: the schema the form validates with, the values it starts from, and how its values become the
// procedure's input. The contract's schemas are used as they are except where a browser control cannot produce
// the contract's shape directly.
import * as z from "zod/mini";
import {
  CourtOrderIntake,
  DmcaIntake,
  DsaNoticeIntake,
  LikenessIntake,
  TakeItDownIntake,
  type TakedownIntake,
  type TakedownIntakeType,
} from "@contracts/takedown-intake.ts";

export { TAKEDOWN_TYPE_LABELS, type TakedownIntakeType } from "@contracts/takedown-intake.ts";

export const TAKEDOWN_TYPES = [
  "take_it_down",
  "dmca",
  "dsa_notice",
  "likeness",
  "court_order",
] as const satisfies readonly TakedownIntakeType[];

export const TAKEDOWN_TYPE_HINTS: Record<TakedownIntakeType, string> = {
  take_it_down:
    "Intimate images or videos of you (or someone you act for), real or AI-made, published without consent.",
  dmca: "Your copyrighted work is used without permission.",
  dsa_notice: "Content you consider illegal under EU or member-state law.",
  likeness: "A person's face, voice or identity is used without permission, including deceased persons.",
  court_order: "An order from a court or authority requires us to remove content.",
};

const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

// The server accepts an anonymous DSA notice only about child sexual abuse (DSA Art. 16(2)(c)); saying so here
// spares the requester a round trip.
const DsaNoticeForm = DsaNoticeIntake.check(
  z.superRefine((value, ctx) => {
    if (value.isCsamOffence) return;
    if (!value.requesterName?.trim()) {
      ctx.addIssue({
        code: "custom",
        path: ["requesterName"],
        message: "Enter your name (only notices about child sexual abuse may leave it out)",
        input: value.requesterName,
      });
    }
    if (!value.requesterEmail || !EMAIL_PATTERN.test(value.requesterEmail)) {
      ctx.addIssue({
        code: "custom",
        path: ["requesterEmail"],
        message: "Enter an email address (only notices about child sexual abuse may leave it out)",
        input: value.requesterEmail,
      });
    }
  }),
);

// A datetime-local control gives local time without an offset; it is turned into an instant on submit.
const CourtOrderForm = z.extend(CourtOrderIntake, {
  orderDeadline: z
    .string()
    .check(z.refine((value) => !Number.isNaN(new Date(value).getTime()), "Give the deadline set in the order")),
});

export const INTAKE_FORM_SCHEMAS = {
  take_it_down: TakeItDownIntake,
  dmca: DmcaIntake,
  dsa_notice: DsaNoticeForm,
  likeness: LikenessIntake,
  court_order: CourtOrderForm,
} satisfies Record<TakedownIntakeType, z.ZodMiniType>;

/** What the form holds while it is filled in: strings and booleans, whatever the type. */
export type IntakeFormValues = { type: TakedownIntakeType; contentUrls: string[] } & Record<string, unknown>;

const requester = { requesterName: "", requesterEmail: "" };

export function defaultValuesFor(type: TakedownIntakeType): IntakeFormValues {
  const common = { type, contentUrls: [""], website: "" };
  switch (type) {
    case "take_it_down":
      return {
        ...common,
        ...requester,
        authority: undefined,
        depictedPerson: "",
        description: "",
        signature: "",
        goodFaith: false,
      };
    case "dmca":
      return {
        ...common,
        ...requester,
        requesterAddress: "",
        requesterPhone: "",
        authority: undefined,
        workDescription: "",
        signature: "",
        goodFaith: false,
        perjuryStatement: false,
      };
    case "dsa_notice":
      return { ...common, ...requester, isCsamOffence: false, explanation: "", goodFaith: false };
    case "likeness":
      return { ...common, ...requester, depictedPerson: "", authority: undefined, description: "", signature: "" };
    case "court_order":
      return { ...common, ...requester, issuingAuthority: "", orderReference: "", orderDeadline: "" };
  }
}

/** The validated form values as the procedure takes them. */
export function toIntake(values: IntakeFormValues): TakedownIntake {
  const intake = { ...values };
  if (values.type === "court_order") intake.orderDeadline = new Date(String(values.orderDeadline)).toISOString();
  // An anonymous DSA notice leaves name and email out rather than sending empty strings.
  if (values.type === "dsa_notice") {
    if (!String(values.requesterName ?? "").trim()) delete intake.requesterName;
    if (!String(values.requesterEmail ?? "").trim()) delete intake.requesterEmail;
  }
  return intake as TakedownIntake;
}
