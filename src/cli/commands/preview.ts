import type { PreviewView, ServicePreview } from "../../api/service-schemas.js";
import { serviceList } from "../args.js";
import { clientFor, timeText } from "../client-options.js";
import type { ClientOptions } from "../client-options.js";
import { colors, emit, table } from "../output.js";

export interface PreviewOptions extends ClientOptions {
  services: string;
  tag: string;
}

type Gates = PreviewView["gates"];

function approvalsLine(a: Gates["approvals"]): string {
  if (!a) return "none";
  return `${a.groups.join(" + ")} (${a.policy}${a.minimum === undefined ? "" : ` ${a.minimum}`}, timeout ${a.timeout})`;
}

function windowLine(w: Gates["window"]): string {
  if (w.open)
    return w.always ? "always open" : `open now, closes ${w.closesAt?.local ?? "?"} (${w.closesAt?.utc ?? "?"})`;
  const opening = w.nextOpening
    ? `; opens ${w.nextOpening.local} (${w.nextOpening.utc})`
    : "; no opening in the next year";
  return `closed now (${w.reason ?? "outside the deployment window"})${opening}`;
}

type StepView = { weight: number; bake: string | null; pods?: { canary: number; stable: number } };

/** A canary step: `10%/5m`, by replica ratio `10% (1+9 pods)/5m`. */
function stepText(st: StepView): string {
  const pods = st.pods && st.weight < 100 ? ` (${st.pods.canary}+${st.pods.stable} pods)` : "";
  return `${st.weight}%${pods}${st.bake ? `/${st.bake}` : ""}`;
}

/** The strategy as the API shows it, in a few words. */
function strategyLine(s: ServicePreview["strategy"]): string {
  const steps = Array.isArray(s.steps) ? (s.steps as StepView[]) : [];
  const what =
    s.type === "rolling"
      ? `rolling (surge ${String(s.maxSurge)}, unavailable ${String(s.maxUnavailable)})`
      : s.type === "canary"
        ? `canary ${steps.map(stepText).join(" → ")}`
        : s.type === "blue-green"
          ? `blue-green (standby ${String(s.standby)})`
          : String(s.type);
  const split =
    s.traffic === "replica ratio"
      ? ", by replica ratio (no gateway: one Service over every revision's pods)"
      : s.traffic === "service selector"
        ? ", by Service selector (no gateway: the new colour on its own Service, the switch one write of the service's selector)"
        : s.traffic === "deployment controller"
          ? ", by the Deployment controller (one Deployment rolled in place, judged as kubectl rollout status judges it)"
          : "";
  return `${what}${split}, from the ${String(s.source)}`;
}

function serviceText(s: ServicePreview): string {
  const from = s.current ? `revision ${s.current.revision} (${s.current.tag} × ${s.current.replicas})` : "not deployed";
  const vars = Object.entries(s.variables).map(([name, v]) => [
    name,
    v.secret ? `${v.value} (${v.reference})` : String(v.value),
    v.source,
  ]);
  return [
    `${colors.bold(s.service)}: ${s.change}, ${from} → ${s.next.tag} × ${s.next.replicas}`,
    `  strategy   ${strategyLine(s.strategy)}`,
    `  lock       ${s.lock ? `held by run ${s.lock.heldBy} since ${timeText(s.lock.since)}: the deploy would wait for it` : "free"}`,
    ...(vars.length === 0
      ? ["  variables  none"]
      : [
          "  variables",
          ...table(["NAME", "VALUE", "SOURCE"], vars)
            .split("\n")
            .map((l) => `    ${l}`),
        ]),
  ].join("\n");
}

function previewText(p: PreviewView): string {
  return [
    `preview of a deploy of ${p.tag} to ${p.environment}; nothing was changed`,
    "gates",
    `  approvals  ${approvalsLine(p.gates.approvals)}`,
    `  window     ${windowLine(p.gates.window)}`,
    `  locks      ${p.gates.lockPolicy}`,
    "",
    p.services.map(serviceText).join("\n\n"),
  ].join("\n");
}

export async function preview(environment: string, options: PreviewOptions): Promise<number> {
  const services = serviceList(options.services);
  const view = await clientFor(options).post<PreviewView>("/v1/preview", { environment, services, tag: options.tag });
  emit(options, view, previewText);
  return 0;
}
