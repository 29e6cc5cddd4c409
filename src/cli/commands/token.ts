import { clientFor, timeText } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit, printJson, table } from "../output.js";

interface TokenView {
  id: string;
  user: string;
  description: string | null;
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** Prints the token alone on stdout, so it can go straight to a file; the rest goes to stderr. */
export async function tokenCreate(options: ClientOptions & { user: string; description?: string }): Promise<number> {
  const issued = await clientFor(options).post<TokenView & { token: string }>("/v1/tokens", {
    user: options.user,
    description: options.description,
  });
  if (options.output === "json") printJson(issued);
  else {
    process.stderr.write(`issued token ${issued.id} to ${issued.user}; it is shown this once, store it now:\n`);
    process.stdout.write(`${issued.token}\n`);
  }
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
      ["ID", "USER", "CREATED", "BY", "LAST USED", "REVOKED", "DESCRIPTION"],
      list.map((t) => [
        t.id,
        t.user,
        timeText(t.createdAt),
        t.createdBy,
        timeText(t.lastUsedAt),
        timeText(t.revokedAt),
        t.description ?? "",
      ]),
    ),
  );
  return 0;
}
