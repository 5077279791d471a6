// Word lists for simulated traffic. Small on purpose: enough variety that queues look like real work, all of it
// invented (no real people, companies or courts).
import type { Category } from "../../server/domain/cases/priority.ts";
import type { REPORT_REASONS } from "../../server/contracts/platform-events.ts";

type ReportReason = (typeof REPORT_REASONS)[number];

// prettier-ignore
export const FIRST_NAMES = [
  "Ava", "Noah", "Mia", "Liam", "Zoe", "Kenji", "Amara", "Lucas", "Priya", "Mateo", "Ines", "Tomasz", "Yuki", "Omar",
  "Freya", "Diego", "Chloe", "Ravi", "Sofia", "Jonas", "Leila", "Kwame", "Hana", "Felix", "Nadia", "Bruno", "Elif",
];
// prettier-ignore
export const LAST_NAMES = [
  "Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad", "Kowalski", "Reyes", "Brennan", "Sato",
  "Adeyemi", "Fischer", "Rossi", "Nguyen", "Castillo", "Mbeki", "Larsen", "Park", "Duarte", "Ozturk", "Walsh",
];
// prettier-ignore
export const HANDLE_WORDS = ["reel", "frames", "makes", "loops", "irl", "studio", "cuts", "vfx", "daydream", "takes"];

// prettier-ignore
export const COUNTRIES: readonly (readonly [string, number])[] = [
  ["US", 28], ["GB", 8], ["DE", 7], ["BR", 7], ["IN", 6], ["FR", 5], ["JP", 5], ["CA", 5], ["MX", 4], ["PH", 3],
  ["KR", 3], ["ES", 3], ["IT", 3], ["AU", 3], ["NG", 2], ["PL", 2], ["TR", 2], ["NL", 2], ["SE", 1], ["IE", 1],
];

// prettier-ignore
export const PROMPT_SUBJECTS = [
  "a raccoon barista", "an elderly surfer", "a brass band of penguins", "a night-shift nurse", "a samurai cat",
  "a retired astronaut", "twin toddlers", "a mime", "a delivery drone", "a lighthouse", "a hamster chef",
  "a mariachi trio", "a street dancer", "a tiny dragon", "a chess grandmaster", "a lost tourist", "a weather anchor",
];
// prettier-ignore
export const PROMPT_ACTIONS = [
  "doing a slow-motion backflip", "arguing about pineapple pizza", "winning a dance battle", "reading bedtime stories",
  "escaping a rolling boulder", "proposing on a ferris wheel", "unboxing a cursed gift", "teaching a yoga class",
  "racing shopping carts", "conducting an orchestra", "getting caught in the rain", "presenting the evening news",
];
// prettier-ignore
export const PROMPT_SETTINGS = [
  "in a neon Seoul alley", "on a Martian dust plain", "at a 1980s roller rink", "inside a snow globe",
  "on a packed commuter train", "in a Lisbon tram", "at a village wedding", "in a flooded cathedral",
  "on a rooftop at golden hour", "in a cardboard spaceship", "at a midnight food market", "under the northern lights",
];
// prettier-ignore
export const PROMPT_STYLES = [
  "cinematic 35mm", "claymation", "anime", "vertical phone video", "pastel symmetrical framing", "VHS home video",
  "photorealistic", "stop motion", "noir black and white", "nature documentary narration", "glossy 3D animation",
];
// prettier-ignore
export const CAMEO_PROMPTS = [
  "{cameo} giving a wedding toast that goes wrong", "{cameo} as a medieval knight ordering fast food",
  "{cameo} winning a hot-dog eating contest", "{cameo} narrating a nature documentary about pigeons",
  "{cameo} and friends in a boy-band music video", "{cameo} reacting to a plot twist",
];

/** Prompts a classifier or a reporter would have reason to flag, per category. */
export const RISKY_PROMPTS: Record<Category, readonly string[]> = {
  csam_suspected: ["a child in a bathtub, realistic, {style}"],
  minor_safety: ["a schoolgirl alone with a stranger in a car {setting}", "kids daring each other to jump off a roof"],
  ncii: ["{cameo} undressing in a hotel room, intimate lighting", "{cameo} in a bedroom scene, explicit, {style}"],
  deepfake_nonconsensual: ["{cameo} confessing to a crime on live TV", "{cameo} drunk and crying at a funeral"],
  self_harm: ["a teenager on a bridge ledge at night, goodbye message", "step by step, hiding cuts from parents"],
  violence: ["a bare-knuckle fight {setting}, blood everywhere", "a realistic school hallway shooting, {style}"],
  hate: ["a rally speech blaming one religion for every crime", "a comedy sketch mocking disabled people"],
  likeness_misuse: ["{cameo} endorsing a crypto coin", "{cameo} in a fake perfume ad {setting}"],
  impersonation: ["the mayor announcing schools are closed tomorrow, news style", "a CEO announcing bankruptcy"],
  harassment: ["{cameo} getting pelted with eggs while everyone laughs", "{cameo} with a sign saying 'loser'"],
  scam: ["a giveaway: send 0.1 BTC and get 1 BTC back, celebrity voice", "a bank agent asking for your PIN"],
  copyright: ["the full opening of a famous animated film, shot for shot", "a pop hit's music video recreated exactly"],
  spam: ["follow me for free gift cards, link in bio", "CHEAP FOLLOWERS 10k for $5"],
};

// prettier-ignore
export const TRANSCRIPT_LINES = [
  "Okay, nobody move.", "Is this thing recording?", "And that's how the pigeon got its crown.", "Wait for it...",
  "I told you the bridge was out!", "Ladies and gentlemen, the moment you've been waiting for.", "Not again.",
  "Three, two, one, go!", "You call that a sandwich?", "This is the last time, I promise.",
];

export const REPORT_TEXTS: Partial<Record<ReportReason, readonly string[]>> = {
  deepfake: ["This is a fake video of me. I never said any of this.", "AI fake of my sister, please remove."],
  likeness: ["They used my face without asking.", "My cameo is in this and I never approved it."],
  nudity: ["Sexual content on the main feed.", "Nudity, my kid saw this."],
  sexual_minor: ["This looks like a minor in a sexual situation."],
  violence: ["Extremely graphic.", "Glorifies a real attack."],
  hate: ["Hate speech against my community.", "Slurs in the audio."],
  harassment: ["Made to humiliate a classmate.", "Pile-on against me, same people every day."],
  self_harm: ["Promotes self-harm.", "Worried about the creator, they seem at risk."],
  scam: ["Crypto scam using a fake celebrity.", "Phishing link in the caption."],
  spam: ["Bot account posting the same clip.", "Spam."],
  copyright: ["Re-upload of my original video.", "Uses my song without a licence."],
  impersonation: ["Pretending to be me.", "Fake official account."],
  other: ["Something is off about this account.", "Please take a look."],
};

// prettier-ignore
export const CAMEO_RESTRICTIONS = [
  "No politics.", "Nothing romantic.", "No ads or endorsements.", "Keep it kind, no roasting.", "No horror.",
  "Don't change my voice.", "Family friendly only.",
];

// prettier-ignore
export const LIKENESS_COMPLAINTS = [
  "I revoked access weeks ago and new videos with my face keep appearing.",
  "These videos make me say things I would never say. Please remove them and stop further use.",
  "My cameo is set to approved people only, but this account was never approved.",
  "A stranger is using my likeness to sell a product.",
];

/** Invented people whose families or agents file estate and publicity claims. */
// prettier-ignore
export const PUBLIC_FIGURES = [
  { name: "Marguerite Vale", role: "jazz singer", estate: "The Vale Family Estate" },
  { name: "Desmond Achterberg", role: "painter", estate: "Achterberg Foundation" },
  { name: "Rosalind Mbatha", role: "news anchor", estate: "Mbatha Talent Management" },
  { name: "Kaito Ferreira", role: "footballer", estate: "KF Sports Agency" },
] as const;

// prettier-ignore
export const RIGHTSHOLDERS = [
  { name: "Northwind Records LLC", work: "the single 'Paper Moons' (2024)" },
  { name: "Lantern Animation Studio", work: "the short film 'The Quiet Fox'" },
  { name: "Blue Harbor Publishing", work: "the illustrated book 'Tidewater'" },
] as const;

// prettier-ignore
export const COURTS = [
  { authority: "Regional Court of Hamburg, civil chamber 10", reference: "310 O {n}/26" },
  { authority: "Superior Court of the County of Alameda", reference: "RG26{n}" },
  { authority: "Tribunal judiciaire de Paris", reference: "RG 26/0{n}" },
] as const;

// prettier-ignore
export const TRUSTED_FLAGGERS = ["SafeNet Hotline e.V.", "Digital Rights Watch", "Child Online Protection Centre"];

// prettier-ignore
export const APPEAL_TEXTS = [
  "This was satire and clearly labelled as AI.", "I had the cameo owner's permission, we are friends.",
  "The video has no nudity, the classifier got it wrong.", "I made the original, this is my own work.",
  "My account was suspended by mistake, I never posted that.",
];
