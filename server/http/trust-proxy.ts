// Which proxies in front of Vigil may say who the client is. Express takes the client address from
// X-Forwarded-For, counting hops from the right: only hops the proxies themselves added can be believed, because
// anything further left is whatever the client sent.
import net from "node:net";

/** false: not behind a proxy; a number: that many proxies; a list: the proxies' addresses and subnets. */
export type TrustProxy = false | number | string[];

/** Express's names for address ranges. */
const RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** More proxies than any real chain has; beyond it the leftmost, client-written hop would be believed. */
export const MAX_PROXY_HOPS = 10;

const EVERYONE =
  "would let any client choose its own IP address with an X-Forwarded-For header (and so escape the per-address sign-in limits)";

function checkSubnet(entry: string): string | null {
  if (RANGE_NAMES.has(entry)) return null;
  const slash = entry.indexOf("/");
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const version = net.isIP(address);
  if (version === 0)
    return `"${entry}" is not an IP address, a subnet (address/prefix) or one of loopback, linklocal, uniquelocal`;
  if (slash === -1) return null;
  const prefix = entry.slice(slash + 1);
  const max = version === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `"${entry}" needs a prefix length from 1 to ${max}`;
  if (Number(prefix) === 0) return `"${entry}" is every address, which ${EVERYONE}`;
  return null;
}

/**
 * Parses VIGIL_TRUST_PROXY: unset or empty (no proxy), a hop count from 1 to MAX_PROXY_HOPS, or a comma-separated
 * list of the proxies' addresses and subnets. Throws with the reason for anything else.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? "").trim();
  if (v === "") return false;
  if (/^(true|yes|on|all|\*)$/i.test(v)) {
    throw new Error(
      `"${v}" is refused: trusting every proxy ${EVERYONE}. Set the number of proxies in front of Vigil (for example 1) or their addresses or subnets`,
    );
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops < 1 || hops > MAX_PROXY_HOPS) {
      throw new Error(
        `a hop count must be from 1 to ${MAX_PROXY_HOPS} (the number of proxies in front of Vigil), got ${v}; leave it unset without a proxy`,
      );
    }
    return hops;
  }
  const entries = v.split(",").map((e) => e.trim());
  const problems = entries
    .map((e) => (e === "" ? "an empty entry in the list" : checkSubnet(e)))
    .filter((p): p is string => p !== null);
  if (problems.length > 0) {
    throw new Error(
      `must be a hop count (1 to ${MAX_PROXY_HOPS}) or a comma-separated list of proxy addresses or subnets: ${problems.join("; ")}`,
    );
  }
  return entries;
}
