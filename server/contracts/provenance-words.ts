// What the console says about a file's Content Credentials (C2PA), for the server's records and the React client
// alike. No Node imports and nothing from server/media: the client bundles this file through `@contracts/`.

/** Content Credentials as read from a file (server/media/types.ts `Provenance` is this type). */
export interface ProvenanceView {
  state: "valid" | "invalid" | "absent" | "malformed" | "unsupported";
  /** the claim generator, e.g. "Sora/2.1 c2pa-rs/0.33" */
  generator?: string;
  /** the signing certificate's subject (organisation or common name) */
  signer?: string;
  /** ISO 8601, from the signature's time stamp or the claim */
  signedAt?: string;
  /** the IPTC digital source type's last path segment, e.g. "trainedAlgorithmicMedia" */
  digitalSourceType?: string;
  /** true when the digital source type says the content was made by an AI model */
  aiGenerated?: boolean;
  /** c2pa.actions, e.g. ["c2pa.created", "c2pa.edited"] */
  actions?: string[];
  ingredients?: { title: string; relationship?: string }[];
  /** for invalid and malformed: which checks failed, in plain words */
  failures?: string[];
}

/** What the platform told us about a post's media. */
export interface PlatformProvenanceFlags {
  hasC2pa: boolean;
  hasWatermark: boolean;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "3 Mar 2024" in UTC, so the server and every reviewer's browser print the same day; null for a bad date. */
export function formatSignedDate(iso: string): string | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
}

/**
 * One line for a reviewer. For valid credentials: "Made with <generator>, signed by <signer> on <date>,
 * AI-generated", leaving out what the file does not say. The failures of invalid or unreadable credentials are
 * listed separately by the UI (`p.failures`).
 */
export function describeProvenance(p: ProvenanceView): string {
  switch (p.state) {
    case "absent":
      return "No Content Credentials";
    case "invalid":
      return "Credentials do not match this file";
    case "malformed":
      return "Content Credentials could not be read";
    case "unsupported":
      return "This file type cannot carry Content Credentials we can read";
    case "valid": {
      const parts: string[] = [];
      if (p.generator) parts.push(`Made with ${p.generator}`);
      const date = p.signedAt ? formatSignedDate(p.signedAt) : null;
      if (p.signer && date) parts.push(`signed by ${p.signer} on ${date}`);
      else if (p.signer) parts.push(`signed by ${p.signer}`);
      else if (date) parts.push(`signed on ${date}`);
      if (p.aiGenerated) parts.push("AI-generated");
      if (parts.length === 0) return "Valid Content Credentials";
      const line = parts.join(", ");
      return line.charAt(0).toUpperCase() + line.slice(1);
    }
  }
}

/**
 * A sentence when what the platform says about the post's Content Credentials disagrees with what the file shows;
 * null when they agree. Only the C2PA flag can be checked against the file: Vigil does not detect watermarks, so
 * `hasWatermark` is named in the sentence (a reviewer weighing a missing manifest wants to know) but never causes
 * a disagreement on its own. A file we could not read or cannot read proves nothing either way, except that the
 * platform's "has credentials" could not be confirmed.
 */
export function platformDisagreement(platform: PlatformProvenanceFlags, p: ProvenanceView): string | null {
  const watermark = platform.hasWatermark ? " The platform also reports a watermark." : "";
  if (platform.hasC2pa) {
    switch (p.state) {
      case "valid":
        return null;
      case "absent":
        return `The platform says this file has Content Credentials, but the file carries none.${watermark}`;
      case "invalid":
        return `The platform says this file has Content Credentials, but the credentials in the file do not match it.${watermark}`;
      case "malformed":
        return `The platform says this file has Content Credentials, but the credentials in the file could not be read.${watermark}`;
      case "unsupported":
        return `The platform says this file has Content Credentials, but Vigil cannot read credentials in this file type.${watermark}`;
    }
  }
  if (p.state === "valid")
    return "The platform says this file has no Content Credentials, but the file carries valid ones.";
  if (p.state === "invalid" || p.state === "malformed") {
    return "The platform says this file has no Content Credentials, but the file carries credentials that do not check out.";
  }
  return null;
}
