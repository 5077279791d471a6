// What the public takedown form asks for, per legal type: exactly the elements each law requires. Shared by the
// form (inline errors) and the server (which checks again and stores nothing when an element is missing).
import * as z from "zod/mini";
import { httpsUrl } from "./links.ts";

const url = httpsUrl("Enter a full link, starting with https://");
const urls = z
  .array(url)
  .check(z.minLength(1, "Give at least one link to the content"), z.maxLength(50, "At most 50 links per request"));
const name = z.string().check(z.trim(), z.minLength(2, "Enter your full name"), z.maxLength(200));
const email = z.email("Enter an email address where we can reach you");
const signature = z
  .string()
  .check(z.trim(), z.minLength(2, "Type your full name as your electronic signature"), z.maxLength(200));
const text = (min: number, message: string, max = 5_000) =>
  z.string().check(z.trim(), z.minLength(min, message), z.maxLength(max));
const affirmed = (message: string) => z.literal(true, message);

const common = {
  contentUrls: urls,
  /** bots fill every field; people never see this one */
  website: z.optional(z.string().check(z.maxLength(200))),
};

export const TakeItDownIntake = z.object({
  type: z.literal("take_it_down"),
  ...common,
  requesterName: name,
  requesterEmail: email,
  authority: z.enum(["self", "agent"], "Say whether you are the person depicted or act for them"),
  depictedPerson: z.optional(z.string().check(z.maxLength(200))),
  description: text(10, "Describe the content and where it appears so we can find it"),
  signature,
  goodFaith: affirmed("Confirm your good-faith belief that the depiction is not consensual"),
});

export const DmcaIntake = z.object({
  type: z.literal("dmca"),
  ...common,
  requesterName: name,
  requesterEmail: email,
  requesterAddress: text(5, "Enter your postal address", 500),
  requesterPhone: text(5, "Enter a telephone number", 50),
  authority: z.enum(["rightsholder", "agent"], "Say whether you own the copyright or act for the owner"),
  workDescription: text(10, "Identify the copyrighted work"),
  signature,
  goodFaith: affirmed("Confirm your good-faith belief that the use is not authorised"),
  perjuryStatement: affirmed("Confirm, under penalty of perjury, that the notice is accurate and you are authorised"),
});

export const DsaNoticeIntake = z.object({
  type: z.literal("dsa_notice"),
  ...common,
  // Name and email may be left out only for offences concerning child sexual abuse (DSA Art. 16(2)(c)).
  isCsamOffence: z.boolean(),
  requesterName: z.optional(z.string().check(z.maxLength(200))),
  requesterEmail: z.optional(z.string().check(z.maxLength(254))),
  explanation: text(20, "Explain why you consider the content illegal (at least 20 characters)"),
  goodFaith: affirmed("Confirm that the information is accurate and complete to the best of your knowledge"),
});

export const LikenessIntake = z.object({
  type: z.literal("likeness"),
  ...common,
  requesterName: name,
  requesterEmail: email,
  depictedPerson: text(2, "Say who is depicted", 200),
  authority: z.enum(["self", "agent", "estate"], "Say whether you are the person, their agent, or their estate"),
  description: text(10, "Describe how the likeness is used"),
  signature,
});

export const CourtOrderIntake = z.object({
  type: z.literal("court_order"),
  ...common,
  requesterName: name,
  requesterEmail: email,
  issuingAuthority: text(2, "Name the court or authority that issued the order", 200),
  orderReference: text(2, "Give the order's reference", 200),
  orderDeadline: z.iso.datetime({ offset: true, error: "Give the deadline set in the order" }),
});

export const TakedownIntake = z.discriminatedUnion("type", [
  TakeItDownIntake,
  DmcaIntake,
  DsaNoticeIntake,
  LikenessIntake,
  CourtOrderIntake,
]);
export type TakedownIntake = z.infer<typeof TakedownIntake>;
export type TakedownIntakeType = TakedownIntake["type"];

export const TAKEDOWN_TYPE_LABELS: Record<TakedownIntakeType, string> = {
  take_it_down: "Intimate image shared without consent (TAKE IT DOWN Act)",
  dmca: "Copyright infringement (DMCA)",
  dsa_notice: "Illegal content in the EU (Digital Services Act notice)",
  likeness: "Use of my likeness or a deceased person's likeness",
  court_order: "Court or law-enforcement order",
};
