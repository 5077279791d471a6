// Reads and checks a file's Content Credentials (C2PA manifest store) with @trustnxt/c2pa-ts, and says what it
// found in the words a reviewer needs. Never throws: every outcome, a broken file included, is a `Provenance`.
//
// Decisions:
// - Trust lists. c2pa-ts has none: it reports a well-formed, in-date signing certificate as
//   `signingCredential.trusted`. Should a reader report `signingCredential.untrusted` (the certificate is not on a
//   validator's trust list), that alone does not make the file `invalid` here: the C2PA specification's own
//   validation states separate "valid" (the signature, the bindings and the certificate check out) from
//   "trusted" (and the signer is on a trust list), Vigil keeps no trust list, and the signer's name is shown for
//   the reviewer to weigh. The test fixtures are signed with test certificates and must read as `valid`.
// - The content binding. c2pa-ts stops before comparing the file's bytes with the signed hash once any
//   structural check of the manifest fails. A reviewer needs to know both, so when its validation ends without a
//   binding result we run the hard-binding check ourselves and report it (`contentBinding`, and a failure when
//   the bytes do not match).
// - BMFF exclusions. c2pa-ts excludes a box from the BMFF hash only when it is alone at its path, so every MP4
//   with an XMP box beside its manifest failed the hash; see `spellOutBmffExclusions`.
// - The declared MIME type is a hint only: the bytes decide the format; the type matters only for bytes that
//   match no known format (then a type we read means a damaged file, `malformed`, and anything else `unsupported`).
// - AI-generated means made by a trained model (IPTC trainedAlgorithmicMedia, compositeWithTrainedAlgorithmicMedia,
//   and C2PA's trainedAlgorithmicData). IPTC defines algorithmicMedia as made "purely by an algorithm not based on
//   any sampled training data" (e.g. from a formula): synthetic, but not AI, so it is not flagged; the digital
//   source type itself is always reported.

import { BMFF, JPEG, MP3, PNG, type Asset } from "@trustnxt/c2pa-ts/asset";
import { SuperBox } from "@trustnxt/c2pa-ts/jumbf";
import {
  ActionAssertion,
  BMFFHashAssertion,
  IngredientAssertion,
  ManifestStore,
  MetadataAssertion,
  ValidationError,
  type Manifest,
  type ValidationResult,
  type ValidationStatusEntry,
} from "@trustnxt/c2pa-ts/manifest";
import type { Provenance } from "./types.ts";

/** A reading of the credentials: `Provenance` plus whether the file's bytes match what was signed. */
export interface ProvenanceReading extends Provenance {
  /** the hard-binding assertion (e.g. "c2pa.hash.data", "c2pa.hash.bmff.v2") and whether the file matches it */
  contentBinding?: { assertion: string; matches: boolean };
}

// c2pa-ts reads ISO BMFF only for HEIF brands; MP4 files carry their manifest in the same `uuid` box.
const BMFF_BRANDS = ["heic", "mif1", "mp42", "mp41", "isom", "iso6"];
{
  const brands = (BMFF as unknown as { canReadBrands?: Set<string> }).canReadBrands;
  if (brands instanceof Set) for (const brand of BMFF_BRANDS) brands.add(brand);
}

type Container = "JPEG" | "PNG" | "MP4" | "MP3";

const CONTAINER_FOR_MIME: Record<string, Container> = {
  "image/jpeg": "JPEG",
  "image/jpg": "JPEG",
  "image/png": "PNG",
  "video/mp4": "MP4",
  "audio/mp4": "MP4",
  "image/heic": "MP4",
  "image/heif": "MP4",
  "audio/mpeg": "MP3",
};

/** Status codes as the C2PA specification names them, in words; unknown codes are spelled out by `codeWords`. */
const STATUS_WORDS: Record<string, string> = {
  "claim.missing": "The Content Credentials have no claim",
  "claim.multiple": "The Content Credentials hold more than one claim for one manifest",
  "claim.hardBindings.missing": "The claim is not bound to the file's content (no hard binding)",
  "claim.cbor.invalid": "The claim could not be decoded (invalid CBOR)",
  "claimSignature.missing": "The claim has no signature",
  "claimSignature.mismatch": "The signature does not match the claim",
  "claimSignature.outsideValidity": "The claim was signed outside the signing certificate's validity period",
  "signingCredential.untrusted": "The signing certificate is not on a trust list",
  "signingCredential.invalid": "The signing certificate is not valid for signing",
  "signingCredential.expired": "The signing certificate had expired when the claim was signed",
  "signingCredential.ocsp.revoked": "The signing certificate has been revoked",
  "signingCredential.ocsp.unknown": "The signing certificate's revocation status is unknown",
  "timeStamp.mismatch": "The time stamp does not match the signature",
  "timeStamp.malformed": "The time stamp is malformed",
  "timeStamp.outsideValidity": "The time stamp falls outside the signing certificate's validity period",
  "timeStamp.untrusted": "The time stamp's certificate is not trusted",
  "assertion.hashedURI.mismatch": "A part of the credentials was changed after signing (hashed URI mismatch)",
  "hashedURI.mismatch": "A part of the credentials was changed after signing (hashed URI mismatch)",
  "hashedURI.missing": "A part of the credentials named in the claim is missing",
  "assertion.missing": "A part of the credentials named in the claim is missing (assertion missing)",
  "assertion.outsideManifest": "The claim refers to an assertion outside its manifest",
  "assertion.multipleHardBindings": "The claim is bound to the file's content more than once (multiple hard bindings)",
  "assertion.undeclared": "The credentials hold an assertion the claim does not list",
  "assertion.inaccessible": "An assertion stored elsewhere could not be fetched",
  "assertion.notRedacted": "An assertion that should have been redacted is still present",
  "assertion.selfRedacted": "The claim redacts one of its own assertions",
  "assertion.json.invalid": "An assertion could not be decoded (invalid JSON)",
  "assertion.cbor.invalid": "An assertion could not be decoded (invalid CBOR)",
  "assertion.action.ingredientMismatch":
    "An action does not name the ingredient it needs, or names one that is not there (action ingredient mismatch)",
  "assertion.action.malformed": "The list of actions is malformed",
  "assertion.action.redacted": "The list of actions was redacted, which is not allowed",
  "assertion.action.redactionMismatch": "A redaction action does not match what was redacted",
  "assertion.dataHash.malformed": "The hash binding the credentials to the file is malformed (data hash)",
  "assertion.dataHash.mismatch": "The file's content does not match its Content Credentials (data hash mismatch)",
  "assertion.bmffHash.malformed": "The hash binding the credentials to the file is malformed (BMFF hash)",
  "assertion.bmffHash.mismatch": "The file's content does not match its Content Credentials (BMFF hash mismatch)",
  "assertion.boxesHash.mismatch": "The file's content does not match its Content Credentials (box hash mismatch)",
  "assertion.boxesHash.unknownBox": "The file holds a box its Content Credentials do not account for",
  "assertion.boxesHash.unknownBoxes": "The file holds boxes its Content Credentials do not account for",
  "assertion.collectionHash.mismatch": "The files do not match their Content Credentials (collection hash mismatch)",
  "assertion.collectionHash.incorrectFileCount": "The collection does not hold the files its credentials list",
  "assertion.collectionHash.invalidURI": "The collection's credentials name a file by an invalid address",
  "assertion.collectionHash.malformed": "The hash binding the credentials to the files is malformed (collection hash)",
  "assertion.cloud-data.hardBinding": "The binding to the file's content is stored elsewhere, which is not allowed",
  "assertion.cloud-data.actions": "An update keeps its actions elsewhere, which is not allowed",
  "assertion.cloud-data.malformed": "An assertion stored elsewhere is malformed",
  "assertion.ingredient.malformed": "An ingredient is malformed",
  "assertion.metadata.disallowed": "The credentials hold metadata that is not allowed",
  "manifest.multipleParents": "The manifest names more than one parent ingredient",
  "manifest.timestamp.invalid": "The time-stamp manifest is invalid",
  "manifest.timestamp.wrongParents": "The time-stamp manifest has the wrong parent",
  "manifest.update.invalid": "The update manifest is invalid",
  "manifest.update.wrongParents": "The update manifest has the wrong parent",
  "manifest.inaccessible": "The manifest could not be fetched",
  "manifest.compressed.invalid": "The compressed manifest could not be unpacked",
  "manifest.unreferenced": "The credentials hold a manifest nothing refers to",
  "ingredient.manifest.missing": "An ingredient's credentials are missing",
  "ingredient.manifest.mismatch": "An ingredient's credentials do not match the ingredient",
  "ingredient.claimSignature.missing": "An ingredient's claim has no signature",
  "ingredient.claimSignature.mismatch": "An ingredient's signature does not match its claim",
  "algorithm.unsupported": "The credentials use an unsupported algorithm",
  "algorithm.deprecated": "The credentials use a deprecated algorithm",
  "general.error": "The Content Credentials could not be processed",
};

/** Codes that say the manifest store is not well-formed, rather than that a check of a readable one failed. */
const MALFORMED_CODES = new Set([
  "claim.missing",
  "claim.cbor.invalid",
  "assertion.cbor.invalid",
  "assertion.json.invalid",
  "general.error",
]);

/** Failure codes that do not make credentials invalid (see "Trust lists" above). */
const NOT_A_FAILURE = new Set(["signingCredential.untrusted"]);

const BINDING_CODE = /^assertion\.(dataHash|bmffHash|boxesHash|collectionHash)\./;

const AI_SOURCE_TYPES = new Set([
  "trainedAlgorithmicMedia",
  "compositeWithTrainedAlgorithmicMedia",
  "trainedAlgorithmicData",
]);

/** "assertion.fooBar.mismatch" → "Assertion foo bar mismatch (assertion.fooBar.mismatch)" */
function codeWords(code: string): string {
  const known = STATUS_WORDS[code];
  if (known) return known;
  const words = code
    .split(/[.\-_]+/)
    .flatMap((part) => part.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(" "))
    .filter(Boolean)
    .map((word) => (/^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase()))
    .join(" ");
  if (!words) return "A check of the Content Credentials failed";
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${code})`;
}

/** Reads the brands of a leading `ftyp` box; null when the file does not start like an ISO BMFF file. */
function ftypBrands(bytes: Uint8Array): string[] | null {
  if (bytes.length < 16) return null;
  const ascii = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  if (ascii(4) !== "ftyp") return null;
  const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const end = Math.min(bytes.length, size >= 16 ? size : 16);
  const brands = [ascii(8)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(at));
  return brands;
}

/** Signatures of formats c2pa-ts does not read: GIF, Matroska/WebM, RIFF (WebP, AVI, WAV), Ogg, FLAC, PDF. */
const OTHER_FORMATS = [
  [0x47, 0x49, 0x46, 0x38],
  [0x1a, 0x45, 0xdf, 0xa3],
  [0x52, 0x49, 0x46, 0x46],
  [0x4f, 0x67, 0x67, 0x53],
  [0x66, 0x4c, 0x61, 0x43],
  [0x25, 0x50, 0x44, 0x46],
];

/** Which reader the bytes call for; `unsupported` when c2pa-ts reads nothing of the kind. */
function sniff(bytes: Uint8Array, mimeType: string | undefined): Container | "unsupported" {
  if (JPEG.canRead(bytes)) return "JPEG";
  if (PNG.canRead(bytes)) return "PNG";
  const brands = ftypBrands(bytes);
  if (brands) return brands.some((brand) => BMFF_BRANDS.includes(brand)) ? "MP4" : "unsupported";
  if (MP3.canRead(bytes)) return "MP3";
  if (OTHER_FORMATS.some((magic) => magic.every((byte, i) => bytes[i] === byte))) return "unsupported";
  // Bytes that match no known format are a damaged file when the sender named a type we read.
  const declared = mimeType ? CONTAINER_FOR_MIME[mimeType.split(";")[0]!.trim().toLowerCase()] : undefined;
  return declared ?? "unsupported";
}

function openAsset(kind: Container, bytes: Uint8Array): Asset {
  switch (kind) {
    case "JPEG":
      return new JPEG(bytes);
    case "PNG":
      return new PNG(bytes);
    case "MP4":
      return new BMFF(bytes);
    case "MP3":
      return new MP3(bytes);
  }
}

const CONTAINER_WORDS: Record<Container, string> = { JPEG: "JPEG", PNG: "PNG", MP4: "MP4", MP3: "MP3" };

function malformed(...failures: string[]): ProvenanceReading {
  return { state: "malformed", failures };
}

/** The last path segment of an IPTC digital source type URI (or QCode), e.g. "trainedAlgorithmicMedia". */
function sourceTypeName(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.trim()) return undefined;
  const last = value.trim().replace(/\/+$/, "").split(/[/:#]/).pop();
  return last || undefined;
}

function findDigitalSourceType(manifest: Manifest): string | undefined {
  const assertions = manifest.assertions?.assertions ?? [];
  const actions = assertions
    .filter((a): a is ActionAssertion => a instanceof ActionAssertion)
    .flatMap((a) => a.actions);
  // The created action says how the content came to be; any other action's type is the next best witness.
  const ordered = [...actions.filter((a) => a.action === "c2pa.created"), ...actions];
  for (const action of ordered) {
    const name = sourceTypeName(action.digitalSourceType);
    if (name) return name;
  }
  for (const assertion of assertions) {
    if (!(assertion instanceof MetadataAssertion)) continue;
    for (const entry of assertion.entries) {
      if (/digitalsourcetype$/i.test(entry.name)) {
        const name = sourceTypeName(entry.value);
        if (name) return name;
      }
    }
  }
  return undefined;
}

function describeManifest(manifest: Manifest): Omit<Provenance, "state" | "failures"> {
  const out: Omit<Provenance, "state" | "failures"> = {};
  const claim = manifest.claim;
  if (claim?.claimGeneratorName) {
    out.generator = claim.claimGeneratorVersion
      ? `${claim.claimGeneratorName}/${claim.claimGeneratorVersion}`
      : claim.claimGeneratorName;
  }
  const signature = manifest.signature?.signatureData;
  const certificate = signature?.certificate;
  if (certificate) {
    try {
      const name = certificate.subjectName;
      out.signer = name.getField("O")[0] ?? name.getField("CN")[0];
    } catch {
      // A subject we cannot take apart leaves the signer unnamed; the signature check still runs.
    }
  }
  const at = signature?.timestamp;
  if (at && !Number.isNaN(at.getTime())) out.signedAt = at.toISOString();
  const sourceType = findDigitalSourceType(manifest);
  if (sourceType) {
    out.digitalSourceType = sourceType;
    out.aiGenerated = AI_SOURCE_TYPES.has(sourceType);
  }
  const assertions = manifest.assertions?.assertions ?? [];
  const actions = assertions
    .filter((a): a is ActionAssertion => a instanceof ActionAssertion)
    .flatMap((a) => a.actions.map((action) => String(action.action)));
  if (actions.length) out.actions = actions;
  const ingredients = assertions
    .filter((a): a is IngredientAssertion => a instanceof IngredientAssertion)
    .map((a) => ({
      title: a.title ?? a.format ?? "Untitled ingredient",
      ...(a.relationship ? { relationship: String(a.relationship) } : {}),
    }));
  if (ingredients.length) out.ingredients = ingredients;
  return out;
}

interface BoxNode {
  type: string;
  childBoxes: BoxNode[];
}

/** Every box an exclusion's xpath names, as fully indexed xpaths in c2pa-ts's convention ("/uuid[1]", 0-based). */
function indexedPaths(xpath: string, topLevel: BoxNode[]): string[] {
  const segments = xpath.split("/");
  if (segments.length < 2 || segments[0] !== "") return [];
  let found: { path: string; boxes: BoxNode[] }[] = [{ path: "", boxes: topLevel }];
  for (const segment of segments.slice(1)) {
    const m = /^(.+)\[(\d+)\]$/.exec(segment);
    const type = m ? m[1]! : segment;
    const next: typeof found = [];
    for (const at of found) {
      const same = at.boxes.filter((box) => box.type === type);
      same.forEach((box, index) => {
        if (!m || Number(m[2]) === index) next.push({ path: `${at.path}/${type}[${index}]`, boxes: box.childBoxes });
      });
    }
    found = next;
  }
  return found.map((at) => at.path);
}

/**
 * c2pa-ts resolves an exclusion's xpath to a box only when exactly one box sits at that path, so a file with an
 * XMP `uuid` box beside the C2PA one (the usual MP4 layout, video1.mp4 among them), or two tracks' `stco` boxes,
 * gets nothing excluded and fails its hash. The specification matches every box at the path that meets the
 * exclusion's criteria (its `data` bytes tell the C2PA box from the XMP one), so each exclusion is spelled out
 * once per box, by index; c2pa-ts then applies the criteria to each. Only the parsed copy changes: the assertion's
 * signed bytes are untouched.
 */
function spellOutBmffExclusions(manifest: Manifest, asset: Asset): void {
  if (!(asset instanceof BMFF)) return;
  const topLevel = asset.getTopLevelBoxes() as unknown as BoxNode[];
  for (const binding of manifest.assertions?.getHardBindings() ?? []) {
    if (!(binding instanceof BMFFHashAssertion)) continue;
    binding.exclusions = binding.exclusions.flatMap((exclusion) => {
      const paths = indexedPaths(exclusion.xpath, topLevel);
      return paths.length === 0 ? [exclusion] : paths.map((xpath) => ({ ...exclusion, xpath }));
    });
  }
}

/** Runs the hard-binding checks c2pa-ts skipped, so the binding is always reported (see the note at the top). */
async function checkBinding(manifest: Manifest, asset: Asset, result: ValidationResult): Promise<void> {
  if (result.statusEntries.some((entry) => BINDING_CODE.test(entry.code))) return;
  for (const binding of manifest.assertions?.getHardBindings() ?? []) {
    try {
      result.merge(await binding.validateAgainstAsset(asset));
    } catch (err) {
      result.handleError(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

function bindingOf(manifest: Manifest, entries: ValidationStatusEntry[]): ProvenanceReading["contentBinding"] {
  const binding = manifest.assertions?.getHardBindings()[0];
  const results = entries.filter((entry) => BINDING_CODE.test(entry.code));
  if (!binding?.label || results.length === 0) return undefined;
  return { assertion: binding.label, matches: results.every((entry) => entry.success === true) };
}

/** Reads the active manifest and validates it against the file. */
async function readStore(kind: Container, bytes: Uint8Array): Promise<ProvenanceReading> {
  let asset: Asset;
  let jumbf: Uint8Array | undefined;
  try {
    asset = openAsset(kind, bytes);
    jumbf = asset.getManifestJUMBF();
  } catch {
    return malformed(`The ${CONTAINER_WORDS[kind]} file's structure is damaged or cut short`);
  }
  if (!jumbf || jumbf.length === 0) return { state: "absent" };

  let store: ManifestStore;
  try {
    const box = SuperBox.fromBuffer(jumbf as Uint8Array<ArrayBuffer>);
    try {
      store = ManifestStore.read(box);
    } catch (err) {
      if (err instanceof ValidationError) return malformed(codeWords(err.code));
      return malformed("The Content Credentials could not be decoded (a part is missing or not valid CBOR)");
    }
  } catch {
    // SuperBox.fromBuffer decodes each box's CBOR as it goes, so bad CBOR lands here too.
    return malformed("The Content Credentials store is damaged (its JUMBF boxes or their CBOR cannot be decoded)");
  }
  const manifest = store.getActiveManifest();
  if (!manifest) return malformed("The Content Credentials store holds no manifest");

  let details: Omit<Provenance, "state" | "failures"> = {};
  try {
    details = describeManifest(manifest);
  } catch {
    // Descriptive fields are a courtesy; validation below decides the state.
  }

  let result: ValidationResult;
  try {
    spellOutBmffExclusions(manifest, asset);
    result = await store.validate(asset);
    await checkBinding(manifest, asset, result);
  } catch {
    return { ...details, state: "malformed", failures: ["The Content Credentials could not be checked"] };
  }

  const failed = result.statusEntries.filter((entry) => entry.success === false && !NOT_A_FAILURE.has(entry.code));
  const contentBinding = bindingOf(manifest, result.statusEntries);
  const reading: ProvenanceReading = { ...details, state: "valid", ...(contentBinding ? { contentBinding } : {}) };
  if (failed.length === 0) return reading;
  reading.state = failed.some((entry) => MALFORMED_CODES.has(entry.code)) ? "malformed" : "invalid";
  reading.failures = [...new Set(failed.map((entry) => codeWords(entry.code)))];
  return reading;
}

/**
 * The file's Content Credentials: `absent` for a readable format without a manifest, `unsupported` for a format
 * c2pa-ts does not read (WebM, GIF, text…), `malformed` when the file or its manifest store cannot be parsed,
 * `invalid` when a check fails (`failures` names each), else `valid`. Never throws or rejects.
 */
export async function readProvenance(bytes: Uint8Array, opts: { mimeType?: string } = {}): Promise<ProvenanceReading> {
  try {
    const kind = sniff(bytes, opts.mimeType);
    if (kind === "unsupported") return { state: "unsupported" };
    return await readStore(kind, bytes);
  } catch {
    return malformed("The Content Credentials could not be read");
  }
}
