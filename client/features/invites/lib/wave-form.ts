// The "New wave" form: the procedure's own schema, with the two fields a browser cannot type in the wire shape
// (a local date-time picker, and regions typed as "US, DE") converted on the way out.
import * as z from "zod/mini";
import { WaveFields, INVITE_PLATFORMS } from "@contracts/invites.ts";

export { INVITE_PLATFORMS };

const REGION_LIST = /^\s*([A-Za-z]{2}([\s,]+[A-Za-z]{2})*)?[\s,]*$/;

/** "2026-12-31T23:59" in the admin's time zone → ISO 8601 with offset; empty → never expires. */
export function localDateTimeToIso(local: string): string | null {
  if (!local.trim()) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}

export function parseRegions(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((r) => r.trim().toUpperCase())
    .filter(Boolean);
}

export const newWaveSchema = z.extend(WaveFields, {
  expiresAt: z.pipe(z.string(), z.transform(localDateTimeToIso)),
  regions: z.pipe(
    z.string().check(z.regex(REGION_LIST, "Use two-letter ISO country codes such as US or DE, separated by commas")),
    z.transform(parseRegions),
  ),
});
export type NewWaveValues = z.input<typeof newWaveSchema>;

export const NEW_WAVE_DEFAULTS: NewWaveValues = {
  name: "",
  purpose: "",
  targetSize: 1_000,
  usesPerCode: 1,
  expiresAt: "",
  regions: "",
  platforms: [],
  allotment: 0,
};
