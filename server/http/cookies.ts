// The session cookie: httpOnly (no script can read it), SameSite=Lax (not sent on cross-site POSTs),
// Secure when served over https.
import type { CookieOptions } from "../trpc.ts";

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

export function serializeCookie(
  name: string,
  value: string,
  secure: boolean,
  options: CookieOptions & { expire?: boolean } = {},
) {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (options.expire) parts.push("Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  else if (options.maxAgeSeconds) parts.push(`Max-Age=${Math.floor(options.maxAgeSeconds)}`);
  if (secure) parts.push("Secure");
  return parts.join("; ");
}
