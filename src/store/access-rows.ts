/** Row types of the access-control tables (migration 8), as the database holds them. */
import type { JsonText } from "./json.js";

export const TOKEN_KINDS = ["bootstrap", "personal", "issued", "service"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface SessionsTable {
  /** Public: names the session in lists and the audit (ses_...). */
  id: string;
  secret_hash: string;
  user_name: string;
  method: "oidc" | "local";
  subject: string | null;
  /** JSON array of platform groups. */
  groups: JsonText<string[]>;
  refresh_token: string | null;
  created_at: number;
  refreshed_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface PlatformVersionsTable {
  version: number;
  hash: string;
  /** The normalized platform as canonical JSON. */
  platform: JsonText;
  loaded_at: number;
  loaded_by: string;
  source: "startup" | "reload" | "signal" | "git";
  /** JSON: the changes from the previous version. */
  diff: JsonText;
}
