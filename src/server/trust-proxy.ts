/**
 * `--trust-proxy`: the reverse proxies whose `X-Forwarded-For`, `-Proto` and `-Host` headers the
 * server believes. From a listed peer they give the client's address (the request log), and the
 * scheme and host the browser used (the sign-in callback URL, Secure cookies); from any other
 * peer they are ignored. Nothing is trusted unless listed: a client could otherwise name any
 * address or host.
 */
import { isIP } from "node:net";
import { UsageError } from "../errors.js";

/** The ranges proxy-addr names (the library the HTTP server checks peers with). */
const NAMED = new Set(["loopback", "linklocal", "uniquelocal"]);

/** Each entry: an IP address, a CIDR range, or loopback, linklocal or uniquelocal. */
export function parseTrustProxy(text: string | undefined, source = "--trust-proxy"): string[] {
  if (text === undefined || text.trim() === "") return [];
  const entries = text.split(",").map((s) => s.trim());
  for (const entry of entries) {
    if (!validEntry(entry))
      throw new UsageError(
        `${source}: "${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`,
      );
  }
  return entries;
}

function validEntry(entry: string): boolean {
  if (NAMED.has(entry)) return true;
  const slash = entry.indexOf("/");
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return false;
  if (slash < 0) return true;
  const bits = entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
