// What each kind of takedown request must contain, how long we have to act on it, and how a request of each
// kind is filled in by a plausible requester (with the required elements that are missing left empty).
import type {
  RequesterAuthority,
  TakedownSource,
  TakedownStatus,
  TakedownType,
} from "../../server/db/generated/enums.ts";
import type { Category } from "../../server/domain/cases/priority.ts";
import { displayName } from "./prompts.ts";
import { HOUR, type Rng } from "./random.ts";
import type { PostRow, TakedownRow } from "./world.ts";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function takedownReference(rng: Rng): string {
  const part = () => Array.from({ length: 4 }, () => ALPHABET[rng.int(0, ALPHABET.length - 1)]).join("");
  return `TD-${part()}-${part()}`;
}

export interface TypeSpec {
  elements: string[];
  categories: Category[];
  /** [status, how many] — the first group is still open */
  open: [TakedownStatus, number][];
  closed: [TakedownStatus, number][];
  /** hours from a valid request to the due time, and where that number comes from */
  dueHours: (rng: Rng, trusted: boolean) => number;
  deadlineBasis: string;
  /** who files this kind of request, by weight */
  authority: readonly (readonly [RequesterAuthority, number])[];
}

export const SPECS: Record<TakedownType, TypeSpec> = {
  take_it_down: {
    elements: ["signature", "content_identification", "good_faith_statement", "contact_information"],
    categories: ["ncii", "deepfake_nonconsensual", "csam_suspected"],
    open: [
      ["received", 2],
      ["needs_info", 3],
      ["valid", 6],
    ],
    closed: [
      ["actioned", 4],
      ["invalid", 1],
    ],
    dueHours: () => 48,
    deadlineBasis: "TAKE IT DOWN Act: remove within 48 hours of a valid request",
    authority: [
      ["self", 7],
      ["agent", 3],
    ],
  },
  dmca: {
    elements: [
      "signature",
      "work_identification",
      "content_identification",
      "contact_information",
      "good_faith_statement",
      "accuracy_statement",
    ],
    categories: ["copyright"],
    open: [
      ["received", 2],
      ["needs_info", 3],
      ["valid", 4],
    ],
    closed: [
      ["actioned", 3],
      ["counter_noticed", 2],
      ["restored", 1],
      ["rejected", 1],
    ],
    dueHours: () => 72,
    deadlineBasis: "17 U.S.C. § 512(c): expeditious removal (internal target 72 h)",
    authority: [
      ["rightsholder", 6],
      ["agent", 4],
    ],
  },
  dsa_notice: {
    elements: ["explanation", "content_location", "name_and_email", "good_faith_statement"],
    categories: ["hate", "violence", "scam", "deepfake_nonconsensual", "harassment"],
    open: [
      ["received", 2],
      ["needs_info", 2],
      ["valid", 5],
    ],
    closed: [
      ["actioned", 3],
      ["rejected", 2],
    ],
    dueHours: (_rng, trusted) => (trusted ? 24 : 72),
    deadlineBasis: "DSA Art. 16(6) timely decision; Art. 22 priority for trusted flaggers",
    authority: [
      ["self", 6],
      ["agent", 2],
      ["authority", 1],
    ],
  },
  likeness: {
    elements: ["depicted_person", "authority_evidence", "signature", "content_identification"],
    categories: ["likeness_misuse", "deepfake_nonconsensual", "impersonation"],
    open: [
      ["received", 1],
      ["needs_info", 2],
      ["valid", 3],
    ],
    closed: [
      ["actioned", 3],
      ["rejected", 1],
    ],
    dueHours: () => 120,
    deadlineBasis: "internal target for right-of-publicity claims (5 days)",
    authority: [
      ["estate", 5],
      ["self", 3],
      ["agent", 2],
    ],
  },
  court_order: {
    elements: ["issuing_authority", "order_reference", "legal_basis", "territorial_scope"],
    categories: ["deepfake_nonconsensual", "impersonation", "harassment", "hate"],
    open: [
      ["valid", 3],
      ["needs_info", 1],
    ],
    closed: [["actioned", 2]],
    dueHours: (rng) => rng.pick([24, 48, 72, 168]),
    deadlineBasis: "deadline set in the order",
    authority: [["authority", 1]],
  },
};

const COURTS = [
  { issuingAuthority: "Landgericht Hamburg", orderReference: "324 O 417/25", jurisdiction: "DE" },
  { issuingAuthority: "Tribunal judiciaire de Paris", orderReference: "RG 25/01234", jurisdiction: "FR" },
  {
    issuingAuthority: "Superior Court of California, County of Los Angeles",
    orderReference: "25STCV01234",
    jurisdiction: "US-CA",
  },
  { issuingAuthority: "High Court of Ireland", orderReference: "2025 No. 1234 P", jurisdiction: "IE" },
];
const RIGHTSHOLDERS = [
  { org: "Northwind Pictures LLC", work: "Animated short 'Paper Moon' (2023), U.S. Reg. PA0002345678" },
  { org: "Lumen Skies Records", work: "Sound recording 'Neon Hearts' (2024) by Lumen Skies" },
  { org: "Halcyon Games GmbH", work: "Cinematic trailer for the game 'Tidal Ember' (2025)" },
];
const ESTATES = [
  {
    person: "Rosa Delgado (1931–2019)",
    basis: "Cal. Civ. Code § 3344.1 (post-mortem right of publicity)",
    jurisdiction: "US-CA",
  },
  { person: "Earl 'Duke' Whitfield (1940–2021)", basis: "Tenn. Code § 47-25-1104 (ELVIS Act)", jurisdiction: "US-TN" },
  { person: "Miriam Osei", basis: "N.Y. Civ. Rights Law § 50-f (digital replicas)", jurisdiction: "US-NY" },
];
const FLAGGERS = ["SafeNet Hotline e.V.", "Digital Rights Watch Ireland", "Observatoire des Discours Haineux"];

function requester(rng: Rng) {
  const name = displayName(rng);
  const slug = name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z ]/g, "")
    .replace(/ /g, ".");
  return {
    requesterName: name,
    requesterEmail: `${slug}@mail.example`,
    requesterAddress: `${rng.int(1, 220)} ${rng.pick(["Harbour Street", "Elm Avenue", "Rue des Lilas", "Karlstraße", "Calle Mayor"])}, ${rng.pick(["Dublin", "Austin", "Lyon", "Berlin", "Madrid", "Toronto"])}`,
    requesterPhone: `+1 555 01${String(rng.int(0, 99)).padStart(2, "0")}`,
  };
}

export function addBusinessDays(from: Date, days: number): Date {
  const d = new Date(from);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d;
}

const DSA_LAWS = [
  "§ 130 StGB (incitement)",
  "Art. 226-8 Code pénal (deepfake without consent)",
  "the Online Safety and Media Regulation Act 2022",
];

export interface RequestInput {
  type: TakedownType;
  status: TakedownStatus;
  post: PostRow;
  creatorHandle: string;
  category: Category;
  receivedAt: Date;
  enteredById: string;
}

/** A request as its sender filled it in; elements the status says are missing are left out. */
export function buildRequest(rng: Rng, input: RequestInput): TakedownRow {
  const { type, status, post, receivedAt } = input;
  const spec = SPECS[type];
  const valid = !["received", "needs_info", "invalid"].includes(status);
  const trusted = type === "dsa_notice" && rng.chance(0.4);
  const dueHours = spec.dueHours(rng, trusted);
  const missing =
    status === "needs_info"
      ? rng.sample(spec.elements, rng.int(1, 2))
      : status === "invalid"
        ? [rng.pick(spec.elements)]
        : [];
  const has = (element: string) => !missing.includes(element);
  const person = requester(rng);
  const source: TakedownSource = rng.weighted([
    ["web_form", 6],
    ["platform", 2.5],
    ["staff", 1.5],
  ] as const);
  const rightsholder = rng.pick(RIGHTSHOLDERS);
  const estate = rng.pick(ESTATES);
  const court = rng.pick(COURTS);
  const identified = has("name_and_email") && has("contact_information");
  const clockStartedAt = valid ? receivedAt : null;
  const byType = <T>(values: Partial<Record<TakedownType, T>>, fallback: T): T => values[type] ?? fallback;

  return {
    id: rng.uuid7(receivedAt.getTime()),
    reference: takedownReference(rng),
    type,
    status,
    source,
    ...person,
    requesterName: identified ? person.requesterName : null,
    requesterEmail: identified ? person.requesterEmail : null,
    requesterOrg: byType<string | null>(
      {
        dmca: rightsholder.org,
        likeness: rng.chance(0.6) ? `Estate of ${estate.person.split(" (")[0]}` : null,
        dsa_notice: trusted ? rng.pick(FLAGGERS) : null,
      },
      null,
    ),
    authority: rng.weighted(spec.authority),
    isTrustedFlagger: trusted,
    depictedPerson: byType<string | null>(
      { take_it_down: person.requesterName, likeness: has("depicted_person") ? estate.person : null },
      null,
    ),
    signature: has("signature") ? `/${person.requesterName}/` : null,
    // as the requester pasted it from the app; the console matches the post id in it
    contentUrls: has("content_identification") && has("content_location") ? [`https://app.example/p/${post.id}`] : [],
    contentDescription: has("content_identification")
      ? `Video by @${input.creatorHandle}: "${post.prompt.slice(0, 80)}"`
      : null,
    workDescription: type === "dmca" && has("work_identification") ? rightsholder.work : null,
    explanation: byType<string | null>(
      {
        dsa_notice: has("explanation") ? `The video is unlawful under ${rng.pick(DSA_LAWS)}.` : null,
        court_order: "See attached order.",
      },
      null,
    ),
    goodFaith: has("good_faith_statement"),
    perjuryStatement: type === "dmca" && has("accuracy_statement"),
    isCsamOffence: type === "dsa_notice" && input.category === "csam_suspected",
    issuingAuthority: type === "court_order" && has("issuing_authority") ? court.issuingAuthority : null,
    orderReference: type === "court_order" && has("order_reference") ? court.orderReference : null,
    jurisdiction: byType(
      {
        court_order: court.jurisdiction,
        likeness: estate.jurisdiction,
        dsa_notice: rng.pick(["DE", "FR", "IE", "NL", "ES"]),
      },
      "US",
    ),
    missingElements: missing,
    receivedAt,
    clockStartedAt,
    dueAt: clockStartedAt ? new Date(clockStartedAt.getTime() + dueHours * HOUR) : null,
    platformEventId: source === "platform" ? `evt_${rng.hex(24)}` : null,
    enteredById: source === "staff" ? input.enteredById : null,
    details: {
      deadlineBasis: spec.deadlineBasis,
      dueHours,
      ...(type === "likeness" ? { legalBasis: estate.basis } : {}),
    },
    createdAt: receivedAt,
  };
}
