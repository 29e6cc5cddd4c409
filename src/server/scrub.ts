/**
 * Credentials taken out of log lines, whatever their encoding: a token (recognised by its
 * `qs_` prefix) anywhere in a line, and the value of an `access_token` parameter however it is
 * separated (`?`, `&`, `;`) or percent-encoded (`access_token%3D`, `access%5Ftoken`, twice encoded).
 */
import { TOKEN_PREFIX } from "../api/token-secret.js";

const TOKEN = new RegExp(`${TOKEN_PREFIX}[A-Za-z0-9_\\-]{4,}`, "g");
/** The parameter after decoding: its value runs to the next separator. */
const ACCESS_TOKEN_PARAM = /(access_token\s*=)[^&;#\s"]*/gi;
/** The same, still percent-encoded: `access%5Ftoken%3D...`, `%253D`, in any case. */
const ENCODED_PARAM = /(access(?:_|%5f|%255f)token(?:%3d|%253d))[^&;#\s"]*/gi;

/** Decodes percent-escapes again and again (up to four times), so no encoding hides a parameter. */
export function decodeFully(text: string): string {
  let out = text;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(out);
    } catch {
      next = out.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
    if (next === out) break;
    out = next;
  }
  return out;
}

/** A URL as the log shows it: decoded, with every credential in it redacted. */
export function urlForLog(url: string): string {
  // The sign-in callback's query holds the provider's one-time code and the state: none of it is logged.
  if (url.startsWith("/auth/callback?")) return "/auth/callback?[redacted]";
  return scrubCredentials(decodeFully(url));
}

/** A log line (or any text) with every credential redacted. */
export function scrubCredentials(text: string): string {
  return text
    .replace(TOKEN, `${TOKEN_PREFIX}[redacted]`)
    .replace(ACCESS_TOKEN_PARAM, "$1[redacted]")
    .replace(ENCODED_PARAM, "$1[redacted]");
}
