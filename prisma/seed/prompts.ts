// Word lists and templates for plausible generation prompts, transcripts, names and handles.
import type { Rng } from "./random.ts";
import type { Category } from "../../server/domain/cases/priority.ts";

// prettier-ignore
const SUBJECTS = [
  "a corgi in a tiny raincoat", "an astronaut", "two grandmothers", "a street magician", "a golden retriever",
  "a jazz trio of cats", "a marching band", "a lighthouse keeper", "a barista robot", "a kid on a bike",
  "a sumo wrestler", "a flock of origami cranes", "a chef", "a skateboarder", "a knight in rusty armour",
  "a giant snail", "a ballet dancer", "a news anchor", "a dragon made of noodles", "a hiker", "a pirate captain",
  "a vintage car", "a wedding couple", "a capybara", "a DJ", "a lone cowboy", "a group of friends", "a polar bear",
  "a detective", "a street food vendor", "a violinist", "a paper airplane", "a tiny frog",
];
// prettier-ignore
const ACTIONS = [
  "dancing", "juggling flaming torches", "skateboarding", "giving a dramatic speech", "baking bread",
  "running in slow motion", "surfing a giant wave", "playing chess", "singing opera", "falling asleep",
  "doing a backflip", "painting a mural", "racing", "arguing about pizza toppings", "unboxing a mystery gift",
  "walking a tightrope", "reading the weather forecast", "sword fighting", "proposing", "hosting a cooking show",
  "escaping a collapsing bridge", "rapping", "meditating", "chasing a runaway balloon", "doing stand-up comedy",
];
// prettier-ignore
const SETTINGS = [
  "on the surface of the moon", "in a neon-lit Tokyo alley", "at a rainy bus stop", "inside a snow globe",
  "on a crowded subway", "in a medieval castle", "at a 1970s disco", "under the sea", "in a desert at sunset",
  "on a rooftop in Lagos", "in a foggy forest", "at a suburban barbecue", "in a brutalist library",
  "on a cruise ship", "inside a video game", "in a Paris café", "at a high school prom", "in a thunderstorm",
  "on a frozen lake", "at a night market in Taipei", "in a spaceship cockpit", "at the Olympics", "in a tiny kitchen",
];
// prettier-ignore
const STYLES = [
  "cinematic, 35mm film", "claymation", "anime style", "shot on a phone, vertical video", "Wes Anderson palette",
  "documentary style", "VHS footage", "photorealistic", "stop motion", "watercolour animation",
  "black and white noir", "80s music video", "nature documentary narration", "found footage", "Pixar-like 3D",
];
// prettier-ignore
const CAMERA = [
  "slow dolly in", "handheld", "drone shot", "close-up", "wide establishing shot", "whip pan", "one continuous take",
];
// prettier-ignore
const SOUNDS = [
  "upbeat synth music", "ambient rain", "crowd cheering", "lo-fi beats", "orchestral swell",
  "no music, just footsteps",
];

const RISKY: Partial<Record<Category, string[]>> = {
  violence: [
    "a brutal bare-knuckle street fight {setting}, blood on the pavement, {style}",
    "a realistic car crash {setting}, bodies thrown, {style}",
    "a gang ambush with shotguns {setting}, {style}",
  ],
  hate: [
    "a rally speech blaming immigrants for everything {setting}, {style}",
    "a comedy sketch mocking a religious group {setting}, {style}",
  ],
  self_harm: [
    "a teenager writing a goodbye note {setting}, sad piano, {style}",
    "a dramatic scene on a bridge ledge at night, {style}",
  ],
  ncii: ["{cameo} in lingerie on a bed, intimate lighting, {style}", "{cameo} undressing in a hotel room, {style}"],
  deepfake_nonconsensual: [
    "{cameo} confessing to a crime in a police interview room, {style}",
    "{cameo} as a news anchor announcing the election has been cancelled, {style}",
    "{cameo} drunk and crying at a party {setting}, {style}",
  ],
  likeness_misuse: [
    "{cameo} endorsing a crypto token {setting}, {style}",
    "{cameo} kissing a stranger {setting}, {style}",
  ],
  impersonation: [
    "official announcement from the CEO of a bank, {style}",
    "{cameo} as a celebrity chef promoting a giveaway, {style}",
  ],
  harassment: [
    "{cameo} getting pelted with garbage {setting}, everyone laughing, {style}",
    "{cameo} as a clown being humiliated at school, {style}",
  ],
  minor_safety: [
    "a child doing the blackout challenge {setting}, {style}",
    "a kid climbing a power pylon for views, {style}",
  ],
  csam_suspected: ["a teen-looking character in swimwear posing {setting}, {style}"],
  scam: [
    "a famous investor promising 10x returns, link in bio, {style}",
    "free iPhone giveaway, just send your login, {style}",
  ],
  spam: ["follow for follow, invite codes for sale, {style}", "{subject} {action}, part 47 of 200, {style}"],
  copyright: [
    "the opening scene of a famous superhero movie recreated shot for shot, {style}",
    "a pop star's latest music video with the original song, {style}",
  ],
};

export function basePrompt(rng: Rng, cameoHandle?: string): string {
  const subject = cameoHandle ? `@${cameoHandle}` : rng.pick(SUBJECTS);
  let prompt = `${subject} ${rng.pick(ACTIONS)} ${rng.pick(SETTINGS)}, ${rng.pick(STYLES)}`;
  if (rng.chance(0.35)) prompt += `, ${rng.pick(CAMERA)}`;
  if (rng.chance(0.3)) prompt += `, ${rng.pick(SOUNDS)}`;
  return prompt;
}

/** A prompt that plausibly trips a classifier or a report for `category` (tame text: this is demo data). */
export function riskyPrompt(rng: Rng, category: Category, cameoHandle?: string): string {
  const templates = RISKY[category];
  if (!templates) return basePrompt(rng, cameoHandle);
  return rng
    .pick(templates)
    .replace("{cameo}", cameoHandle ? `@${cameoHandle}` : rng.pick(SUBJECTS))
    .replace("{subject}", rng.pick(SUBJECTS))
    .replace("{action}", rng.pick(ACTIONS))
    .replace("{setting}", rng.pick(SETTINGS))
    .replace("{style}", rng.pick(STYLES));
}

// prettier-ignore
const TWISTS = [
  "but everyone is a cat", "but in reverse", "now in the rain", "but it's a musical", "with me in it",
  "but 100x more dramatic", "as a horror trailer",
];

export function remixPrompt(rng: Rng, parent: string): string {
  return `${parent.split(",")[0]}, ${rng.pick(TWISTS)}`;
}

// prettier-ignore
const LINES = [
  "Ladies and gentlemen, welcome to the show!", "Wait, did you hear that?", "This is the best day of my life.",
  "Nobody move.", "Is it supposed to do that?", "Three, two, one… go!", "I told you this would happen.",
  "Breaking news tonight.", "We need more cheese.", "Don't look down.", "And that's how it's done.",
];

export function transcriptFor(rng: Rng): string | null {
  if (rng.chance(0.3)) return null;
  const n = rng.int(1, 3);
  return Array.from({ length: n }, () => rng.pick(LINES)).join(" ");
}

// prettier-ignore
const FIRST = [
  "Maya", "Leo", "Ana", "Kenji", "Zoe", "Omar", "Ines", "Noah", "Priya", "Lucas", "Amara", "Felix", "Sofia", "Mateo",
  "Hana", "Jonas", "Chloe", "Arjun", "Elif", "Sam", "Nia", "Theo", "Yuki", "Diego", "Freya", "Malik", "Lena", "Ravi",
  "Ada", "Tomás", "Mei", "Oscar", "Sara", "Kwame", "Ella", "Ivan", "Luz", "Finn", "Aisha", "Marco",
];
// prettier-ignore
const LAST = [
  "Okafor", "Nguyen", "Schmidt", "Silva", "Kim", "Haddad", "Rossi", "Johansson", "Patel", "García", "Tanaka",
  "Dubois", "Kowalski", "Mensah", "Murphy", "Costa", "Yilmaz", "Novak", "Ahmed", "Larsen", "Moreau", "Chen", "Brown",
  "Adeyemi",
];
// prettier-ignore
const HANDLE_WORDS = [
  "lunar", "pixel", "neon", "otter", "velvet", "static", "mango", "comet", "fern", "echo", "glitch", "nova", "cinder",
  "maple", "drift", "orbit", "quartz", "saffron", "tidal", "ember", "fable", "hollow", "jolly", "koi", "lumen",
];
const HANDLE_SUFFIX = ["films", "makes", "draws", "irl", "studio", "vibes", "clips", "tv", "lab", "dreams"];

export function displayName(rng: Rng): string {
  return `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
}

/** A handle that reads like a real one; the caller adds a number when it is taken. */
export function handleFor(rng: Rng, name: string): string {
  const [first = "user", last = ""] = name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z ]/g, "")
    .split(" ");
  switch (rng.int(0, 3)) {
    case 0:
      return `${first}.${last}`;
    case 1:
      return `${first}${rng.pick(HANDLE_SUFFIX)}`;
    case 2:
      return `${rng.pick(HANDLE_WORDS)}.${rng.pick(HANDLE_WORDS)}`;
    default:
      return `${first}_${last.slice(0, 1)}${rng.int(1, 99)}`;
  }
}

// prettier-ignore
export const COUNTRIES: readonly (readonly [string, number])[] = [
  ["US", 30], ["GB", 8], ["CA", 5], ["DE", 6], ["FR", 5], ["BR", 7], ["IN", 6], ["JP", 5], ["KR", 3], ["MX", 4],
  ["ES", 3], ["IT", 3], ["NL", 2], ["AU", 3], ["SE", 1], ["PL", 2], ["PH", 3], ["NG", 2], ["IE", 1], ["TR", 2],
];

// prettier-ignore
export const CAMEO_RESTRICTIONS = [
  "No political content, please.", "Keep it PG. No romance, no swimwear.", "Don't make me endorse products.",
  "No horror or gore.", "Friends only — don't put me in anything mean.", "Never show me drinking or smoking.",
  "Don't make me say anything about my employer.", "Fine for memes, not for ads.", "No videos with my kids' school.",
  "Please don't change my voice.",
];
