import * as z from "zod";
import { type Diagnostic, diagnosticSchema, toDiagnostic } from "./diagnostics.js";

/**
 * Terraform's machine-readable UI (`-json` on init, plan, apply, destroy, refresh), one JSON object per
 * line, parsed into typed events. The message types follow terraform's "Machine-readable UI" format
 * (ui 1.x); a type quikship does not know yet is kept as `other` with its message, and a line that
 * is not JSON (init still prints some plain text) as `text`, so nothing terraform says is lost.
 */

export interface ChangeCounts {
  add: number;
  change: number;
  remove: number;
  import: number;
  operation: "plan" | "apply" | "destroy";
}

export type UiEvent =
  | { type: "version"; terraform: string; ui: string }
  | { type: "diagnostic"; diagnostic: Diagnostic }
  /** `action` as terraform names it in this stream: create, update, replace, delete, read, noop, move, remove, import. */
  | { type: "planned_change"; address: string; action: string; reason: string | undefined }
  | { type: "resource_drift"; address: string; action: string }
  | { type: "change_summary"; changes: ChangeCounts }
  | { type: "outputs"; outputs: Record<string, { sensitive: boolean; action: string | undefined }> }
  | { type: "hook"; hook: HookType; address: string; message: string }
  | { type: "log"; level: string; message: string }
  | { type: "other"; messageType: string; message: string }
  | { type: "text"; text: string };

export const HOOK_TYPES = [
  "apply_start",
  "apply_progress",
  "apply_complete",
  "apply_errored",
  "provision_start",
  "provision_progress",
  "provision_complete",
  "provision_errored",
  "refresh_start",
  "refresh_complete",
  "ephemeral_op_start",
  "ephemeral_op_complete",
  "ephemeral_op_errored",
] as const;
export type HookType = (typeof HOOK_TYPES)[number];

const resource = z.object({ addr: z.string() });
const base = z.object({ "@level": z.string().default("info"), "@message": z.string().default("") });

const messageSchema = z.discriminatedUnion("type", [
  base.extend({ type: z.literal("version"), terraform: z.string(), ui: z.string() }),
  base.extend({ type: z.literal("diagnostic"), diagnostic: diagnosticSchema }),
  base.extend({
    type: z.enum(["planned_change", "resource_drift"]),
    change: z.object({ resource, action: z.string(), reason: z.string().optional() }),
  }),
  base.extend({
    type: z.literal("change_summary"),
    changes: z.object({
      add: z.number(),
      change: z.number(),
      remove: z.number(),
      import: z.number().default(0),
      operation: z.enum(["plan", "apply", "destroy"]),
    }),
  }),
  base.extend({
    type: z.literal("outputs"),
    outputs: z.record(z.string(), z.object({ sensitive: z.boolean(), action: z.string().optional() })),
  }),
  base.extend({ type: z.enum(HOOK_TYPES), hook: z.object({ resource }) }),
  base.extend({ type: z.literal("log") }),
]);

function fromMessage(m: z.output<typeof messageSchema>): UiEvent {
  switch (m.type) {
    case "version":
      return { type: "version", terraform: m.terraform, ui: m.ui };
    case "diagnostic":
      return { type: "diagnostic", diagnostic: toDiagnostic(m.diagnostic) };
    case "planned_change":
      return { type: m.type, address: m.change.resource.addr, action: m.change.action, reason: m.change.reason };
    case "resource_drift":
      return { type: m.type, address: m.change.resource.addr, action: m.change.action };
    case "change_summary":
      return { type: "change_summary", changes: m.changes };
    case "outputs":
      return {
        type: "outputs",
        outputs: Object.fromEntries(
          Object.entries(m.outputs).map(([name, o]) => [name, { sensitive: o.sensitive, action: o.action }]),
        ),
      };
    case "log":
      return { type: "log", level: m["@level"], message: m["@message"] };
    default:
      return { type: "hook", hook: m.type, address: m.hook.resource.addr, message: m["@message"] };
  }
}

/** One line of terraform's `-json` output as a typed event. Never throws. */
export function parseUiLine(line: string): UiEvent {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { type: "text", text: line };
  }
  const parsed = messageSchema.safeParse(json);
  if (parsed.success) return fromMessage(parsed.data);
  const loose = z.object({ type: z.string(), "@message": z.string().default("") }).safeParse(json);
  return loose.success
    ? { type: "other", messageType: loose.data.type, message: loose.data["@message"] }
    : { type: "text", text: line };
}

/** The diagnostics among events, in order. */
export function diagnosticsOf(events: readonly UiEvent[]): Diagnostic[] {
  return events.flatMap((e) => (e.type === "diagnostic" ? [e.diagnostic] : []));
}
