/**
 * The Kubernetes API's failures as quikship's errors: a field-manager conflict names the other
 * managers and fields, a Forbidden names verb, resource and namespace (what the Role lacks), an
 * unreachable API server is retryable. The API server's Status body is the source of each message.
 */
import { ApiException } from "@kubernetes/client-node";
import type { QuikshipError } from "../../errors.js";
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthenticatedError,
  UnavailableError,
} from "../../errors.js";

/** What quikship was doing: an action a person reads ("applying Deployment quikapp-dev/auth-service"). */
export interface ClusterAction {
  environment: string;
  /** The context (cluster) the environment uses. */
  context: string;
  /** The API server's address (the context's cluster `server`). */
  server?: string;
  verb: string;
  kind: string;
  namespace: string | undefined;
  name: string | undefined;
}

interface StatusBody {
  message?: string;
  reason?: string;
  details?: { causes?: { type?: string; message?: string; field?: string }[] };
}

function statusOf(body: unknown): StatusBody {
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return { message: body };
    }
  }
  return typeof body === "object" && body !== null ? body : {};
}

function describe(a: ClusterAction): string {
  const object = a.name ? `${a.kind} ${a.namespace ? `${a.namespace}/` : ""}${a.name}` : a.kind;
  return `environment ${a.environment} (context ${a.context}): ${a.verb} ${object}`;
}

/** The other field managers named in a conflict's causes, in order, without repeats. */
export function conflictingManagers(body: unknown): string[] {
  const causes = statusOf(body).details?.causes ?? [];
  const names = causes
    .filter((c) => c.type === "FieldManagerConflict")
    .map((c) => /conflict with "([^"]*)"/.exec(c.message ?? "")?.[1])
    .filter((m): m is string => m !== undefined);
  return [...new Set(names)];
}

function conflict(action: ClusterAction, body: unknown, cause: unknown): QuikshipError {
  const status = statusOf(body);
  const managers = conflictingManagers(body);
  if (status.reason !== "Conflict" || managers.length === 0) {
    return new ConflictError(`${describe(action)}: ${status.message ?? "conflict"}`, { cause, retryable: true });
  }
  const fields = (status.details?.causes ?? []).map((c) => ({
    manager: /"([^"]*)"/.exec(c.message ?? "")?.[1],
    field: c.field,
  }));
  // As the API server names them: `"kubectl" with subresource "scale" using apps/v1`.
  const owners = [
    ...new Set((status.details?.causes ?? []).map((c) => (c.message ?? "").replace(/^conflict with /, ""))),
  ];
  const message =
    `${describe(action)}: fields quikship applies are owned by ${owners.join(", ")}: ` +
    `${fields.map((f) => f.field).join(", ")} — someone changed them outside quikship; ` +
    `make the change in the platform file, or remove that manager's fields (quikship does not force)`;
  return new ConflictError(message, { cause, details: { managers, fields } });
}

/** Any failure of a call to the Kubernetes API as a QuikshipError. */
export function clusterError(error: unknown, action: ClusterAction): QuikshipError {
  // The write guard's refusal (the run is no longer this server's: targets/write-guard.ts) is no
  // failure of the cluster: it reaches the engine as it was thrown.
  if (error instanceof ConflictError) return error;
  if (!(error instanceof ApiException)) {
    const reason = error instanceof Error ? error.message : String(error);
    const server = action.server ? ` at ${action.server}` : "";
    return new UnavailableError(
      `${describe(action)}: the Kubernetes API server${server} could not be reached: ${reason}`,
      { cause: error },
    );
  }
  const code = (error as ApiException<unknown>).code;
  const body: unknown = (error as ApiException<unknown>).body;
  const message = statusOf(body).message ?? `HTTP ${code}`;
  if (code === 409) return conflict(action, body, error);
  if (code === 403) {
    return new ForbiddenError(
      `${describe(action)}: forbidden: ${message} — the Role quikship runs with must allow it`,
      {
        cause: error,
      },
    );
  }
  if (code === 401)
    return new UnauthenticatedError(`${describe(action)}: the cluster refused the credentials`, { cause: error });
  if (code === 404) return new NotFoundError(`${describe(action)}: ${message}`, { cause: error });
  if (code === 400 || code === 422) return new InputError(`${describe(action)}: ${message}`, { cause: error });
  return new UnavailableError(`${describe(action)}: the API server answered ${code}: ${message}`, { cause: error });
}
