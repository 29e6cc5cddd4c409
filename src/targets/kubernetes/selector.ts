/**
 * The service's stable Service (`SERVICE`, shared by its revisions) where the environment has no
 * Gateway: while one revision has all the traffic its selector also names that revision
 * (`quikship.io/revision: N`), so a revision started beside it (a blue-green colour, reachable on
 * its own Service `SERVICE-rN`) takes no traffic until the switch, which is one write of that
 * selector; while traffic is split it selects every revision's pods (replica ratio). Pure.
 */
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Service } from "../../config/types.js";
import { LABELS } from "./objects.js";

type Json = Record<string, unknown>;
const record = (v: unknown): Json => (typeof v === "object" && v !== null ? (v as Json) : {});

/** Whether `o` is the service's stable Service (not a revision's). */
export function isStableService(o: KubernetesObject, service: Service): boolean {
  return o.kind === "Service" && o.metadata?.name === service.name && !o.metadata?.labels?.[LABELS.revision];
}

/** `shared` with the stable Service selecting `revision`'s pods only, or every revision's when undefined. */
export function selecting(
  shared: KubernetesObject[],
  service: Service,
  revision: number | undefined,
): KubernetesObject[] {
  return shared.map((o) => {
    if (!isStableService(o, service)) return o;
    const spec = record((o as Json).spec);
    const { [LABELS.revision]: _dropped, ...rendered } = record(spec.selector) as Record<string, string>;
    const selector = revision === undefined ? rendered : { ...rendered, [LABELS.revision]: String(revision) };
    return { ...o, spec: { ...spec, selector } } as KubernetesObject;
  });
}
