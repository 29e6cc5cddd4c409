import { formatDiagnostic } from "../../infra/terraform/diagnostics.js";
import type { SecretSet } from "../../infra/terraform/redact.js";
import type { UiEvent } from "../../infra/terraform/ui-events.js";

/** One of terraform's JSON UI events as a log line, or null for those the log leaves out. */
export function uiEventLine(event: UiEvent): string | null {
  switch (event.type) {
    case "hook":
    case "log":
    case "other":
      return event.message || null;
    case "planned_change":
      return `planned: ${event.action} ${event.address}`;
    case "resource_drift":
      return `drift: ${event.address} (${event.action})`;
    case "change_summary": {
      const c = event.changes;
      return `${c.operation}: ${c.add} to add, ${c.change} to change, ${c.remove} to destroy`;
    }
    case "diagnostic":
      return formatDiagnostic(event.diagnostic);
    case "text":
      return event.text.trim() || null;
    case "version":
    case "outputs":
      return null;
  }
}

/**
 * Streams terraform's events into the run's log as they come, scrubbed of the sensitive values known
 * (terraform prints its own "(sensitive value)" for the rest). `flush` waits for every line written.
 */
export function eventLogger(
  log: (line: string) => Promise<void>,
  secrets: SecretSet,
): { onEvent: (event: UiEvent) => void; flush: () => Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  return {
    onEvent: (event) => {
      const line = uiEventLine(event);
      if (line === null) return;
      chain = chain
        .then(() => log(secrets.scrub(line)))
        .catch((error: unknown) => {
          failure ??= error instanceof Error ? error : new Error(String(error));
        });
    },
    flush: async () => {
      await chain;
      if (failure !== undefined) throw failure;
    },
  };
}
