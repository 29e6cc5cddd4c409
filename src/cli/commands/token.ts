import { UsageError } from "../../errors.js";
import { clientFor, timeText } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit, printJson, table } from "../output.js";

interface TokenView {
  id: string;
  kind: "bootstrap" | "personal" | "issued" | "service";
  user: string;
  groups: string[] | null;
  description: string | null;
  createdAt: number;
  createdBy: string;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  rotatedFrom: string | null;
}

export interface TokenCreateOptions extends ClientOptions {
  /** Issue to this user (administrators): acts as them, never approves. */
  user?: string;
  /** A service token of this name (administrators): for CI and bots, never approves. */
  service?: string;
  /** The service token's platform groups. */
  groups?: string[];
  description?: string;
  expiresIn?: string;
}

/** The route and body for the kind asked: personal (the default), issued (--user) or service (--service). */
function creation(options: TokenCreateOptions): { path: string; body: Record<string, unknown> } {
  const { description, expiresIn } = options;
  if (options.user !== undefined && options.service !== undefined)
    throw new UsageError("give --user (a token for a person) or --service (a service token), not both");
  if (options.groups !== undefined && options.service === undefined)
    throw new UsageError("--groups is for a service token: add --service NAME");
  if (options.service !== undefined)
    return {
      path: "/v1/tokens/service",
      body: { name: options.service, groups: options.groups ?? [], description, expiresIn },
    };
  if (options.user !== undefined) return { path: "/v1/tokens", body: { user: options.user, description, expiresIn } };
  return { path: "/v1/tokens/personal", body: { description, expiresIn } };
}

/** Prints the token alone on stdout, so it can go straight to a file; the rest goes to stderr. */
function printIssued(options: ClientOptions, issued: TokenView & { token: string }, what: string): void {
  if (options.output === "json") printJson(issued);
  else {
    const expiry = issued.expiresAt === null ? "does not expire" : `expires ${timeText(issued.expiresAt)}`;
    process.stderr.write(`${what} ${issued.id} (${issued.kind}, ${expiry}); it is shown this once, store it now:\n`);
    process.stdout.write(`${issued.token}\n`);
  }
}

export async function tokenCreate(options: TokenCreateOptions): Promise<number> {
  const { path, body } = creation(options);
  const issued = await clientFor(options).post<TokenView & { token: string }>(path, body);
  printIssued(options, issued, `created token for ${issued.user}:`);
  return 0;
}

export async function tokenRotate(id: string, options: ClientOptions & { expiresIn?: string }): Promise<number> {
  const issued = await clientFor(options).post<TokenView & { token: string }>(
    `/v1/tokens/${encodeURIComponent(id)}/rotate`,
    { expiresIn: options.expiresIn },
  );
  printIssued(options, issued, `rotated ${id} (now revoked) into`);
  return 0;
}

export async function tokenRevoke(id: string, options: ClientOptions): Promise<number> {
  const revoked = await clientFor(options).delete<TokenView>(`/v1/tokens/${encodeURIComponent(id)}`);
  emit(options, revoked, (t) => `revoked token ${t.id} of ${t.user}`);
  return 0;
}

export async function tokenList(options: ClientOptions): Promise<number> {
  const tokens = await clientFor(options).get<TokenView[]>("/v1/tokens");
  emit(options, tokens, (list) =>
    table(
      ["ID", "KIND", "USER", "CREATED", "BY", "EXPIRES", "LAST USED", "REVOKED", "DESCRIPTION"],
      list.map((t) => [
        t.id,
        t.kind,
        t.user,
        timeText(t.createdAt),
        t.createdBy,
        timeText(t.expiresAt),
        timeText(t.lastUsedAt),
        timeText(t.revokedAt),
        t.description ?? "",
      ]),
    ),
  );
  return 0;
}
