import type { HistoryView } from "../../api/service-schemas.js";
import { clientFor, timeText } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { emit, shortDigest, table } from "../output.js";

export async function history(environment: string, service: string, options: ClientOptions): Promise<number> {
  const view = await clientFor(options).get<HistoryView>(
    `/v1/history/${encodeURIComponent(environment)}/${encodeURIComponent(service)}`,
  );
  emit(options, view, (h) =>
    h.revisions.length === 0
      ? `no revisions of ${h.service} in ${h.environment}`
      : table(
          ["REV", "TAG", "DIGEST", "REPLICAS", "STATUS", "CAUSE", "ACTOR", "RUN", "CREATED", "ACTIVATED"],
          h.revisions.map((r) => [
            r.revision,
            r.tag,
            shortDigest(r.digest),
            r.replicas,
            r.status,
            r.cause ?? "-",
            r.actor ?? "-",
            r.runId,
            timeText(r.createdAt),
            timeText(r.activatedAt),
          ]),
        ),
  );
  return 0;
}
