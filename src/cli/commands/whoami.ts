import { clientFor } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit } from "../output.js";

interface Whoami {
  user: string;
  groups: string[];
  admin: boolean;
  tokenId: string;
}

export async function whoami(options: ClientOptions): Promise<number> {
  const client = clientFor(options);
  const me = await client.get<Whoami>("/v1/whoami");
  emit(
    options,
    { ...me, server: client.connection.server },
    (d) =>
      `${d.user} on ${d.server}${d.admin ? " (administrator)" : ""}\ngroups: ${d.groups.join(", ") || "none"}\ntoken: ${d.tokenId}`,
  );
  return 0;
}
