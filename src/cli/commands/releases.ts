import type { ReleaseView } from "../../api/release-schemas.js";
import { wholeNumber } from "../args.js";
import { clientFor, timeText } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit, table } from "../output.js";

export interface ReleasesOptions extends ClientOptions {
  limit?: string;
}

/** "api:v2 (3, was 2)": the service, its tag, the revision it rolled out and the one it replaced. */
function artifact(item: ReleaseView["items"][number]): string {
  return `${item.service}:${item.tag} (${item.revision}, ${item.previousRevision === null ? "new" : `was ${item.previousRevision}`})`;
}

export async function releases(environment: string | undefined, options: ReleasesOptions): Promise<number> {
  const query = new URLSearchParams();
  if (environment !== undefined) query.set("environment", environment);
  if (options.limit !== undefined) query.set("limit", String(wholeNumber("--limit", options.limit, "releases")));
  const search = query.toString();
  const list = await clientFor(options).get<ReleaseView[]>(`/v1/releases${search ? `?${search}` : ""}`);
  emit(options, list, (rs) =>
    rs.length === 0
      ? `no releases${environment === undefined ? "" : ` in ${environment}`}`
      : table(
          ["RELEASE", "ENV", "STATUS", "CREATED", "ACTOR", "RUN", "ARTIFACTS (REVISION, WAS)"],
          rs.map((r) => [
            r.id,
            r.environment,
            r.status,
            timeText(r.createdAt),
            r.actor,
            r.runId,
            r.items.map(artifact).join(", "),
          ]),
        ),
  );
  return 0;
}
