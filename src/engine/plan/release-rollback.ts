import { ConflictError, InputError, NotFoundError } from "../../errors.js";
import type { Release } from "../release.js";
import type { RunRequestOf } from "../request.js";
import type { StepSpec } from "../types.js";
import type { PlannedRun } from "./planned.js";
import { lockSteps } from "./train.js";

/**
 * A rollback of a release as a unit (`params.release`): every service of the release back to the
 * revision it ran before, in reverse train order, in one run. `release` is what the store holds
 * under that id, or null.
 */
export function planReleaseRollback(request: RunRequestOf<"rollback">, release: Release | null): PlannedRun {
  const id = request.params.release;
  if (id === undefined) throw new InputError("params.release must be a release id");
  if (!release || release.id !== id)
    throw new NotFoundError(`no release "${id}"; list releases with \`quikship releases ${request.environment}\``);
  if (request.services.length > 0)
    throw new InputError("a rollback names a release or services, not both: the release says which services go back");
  if (request.params.revision !== undefined) throw new InputError("a rollback names a release or a revision, not both");
  if (release.environment !== request.environment) {
    throw new InputError(
      `release ${id} was released to ${release.environment}, not ${request.environment}; roll it back with \`quikship rollback ${release.environment} --release ${id}\``,
    );
  }
  if (release.status !== "released") {
    const why =
      release.status === "rolling-out"
        ? `is still rolling out (run ${release.runId})`
        : release.status === "failed"
          ? "failed, and what it moved was moved back then"
          : "was already rolled back";
    throw new ConflictError(`release ${id} ${why}; only a released release can be rolled back`);
  }
  const e = release.environment;
  const items = [...release.items].reverse();
  const steps: StepSpec[] = [
    ...lockSteps(
      e,
      items.map((i) => i.service),
      "",
    ),
    ...items.map((i) => ({
      key: `rollback/${i.service}`,
      kind: "train-rollback",
      title:
        i.previousRevision === null
          ? `remove ${i.service} (the release installed it)`
          : `roll ${i.service} back to revision ${i.previousRevision} (${i.previousTag ?? "?"})`,
      params: {
        environment: e,
        service: i.service,
        release: id,
        revision: i.revision,
        previousRevision: i.previousRevision,
        previousTag: i.previousTag,
      },
    })),
    {
      key: "rolled-back",
      kind: "release-status",
      title: `mark release ${id} rolled back`,
      params: { release: id, status: "rolled-back" },
    },
  ];
  const services = items.map((i) => i.service);
  return {
    request: { ...request, services },
    plan: { stages: [{ key: "rollback", title: `roll release ${id} back in ${e}`, environment: e, steps }] },
  };
}
