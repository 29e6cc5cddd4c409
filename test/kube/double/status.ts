/**
 * Test double of the Kubernetes API — failures as `Status` objects.
 *
 * API reference: "API Concepts › Responses" and `meta/v1 Status`: every failure is a Status with
 * `status: Failure`, a machine `reason` and the HTTP `code`; `details` names the object and, for
 * validation and apply conflicts, lists `causes`.
 */

export interface StatusCause {
  type: string;
  message: string;
  field: string;
}

export class ApiStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details: { name?: string; group?: string; kind?: string; causes?: StatusCause[] } = {},
  ) {
    super(message);
    this.name = "ApiStatusError";
  }

  toStatus(): object {
    const details = Object.keys(this.details).length > 0 ? this.details : undefined;
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      details,
      code: this.code,
    };
  }
}

export function notFound(group: string, resource: string, name: string): ApiStatusError {
  const qualified = group ? `${resource}.${group}` : resource;
  return new ApiStatusError(404, "NotFound", `${qualified} "${name}" not found`, { name, group, kind: resource });
}

export function alreadyExists(group: string, resource: string, name: string): ApiStatusError {
  const qualified = group ? `${resource}.${group}` : resource;
  return new ApiStatusError(409, "AlreadyExists", `${qualified} "${name}" already exists`, {
    name,
    group,
    kind: resource,
  });
}

/** Optimistic concurrency ("API Concepts › Resource versions"): a stale `metadata.resourceVersion` on update. */
export function staleVersion(group: string, resource: string, name: string): ApiStatusError {
  const qualified = group ? `${resource}.${group}` : resource;
  return new ApiStatusError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualified} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group, kind: resource },
  );
}

export function badRequest(message: string): ApiStatusError {
  return new ApiStatusError(400, "BadRequest", message);
}

export function invalid(kind: string, name: string, field: string, message: string): ApiStatusError {
  return new ApiStatusError(422, "Invalid", `${kind} "${name}" is invalid: ${field}: ${message}`, {
    name,
    kind,
    causes: [{ type: "FieldValueInvalid", message, field }],
  });
}

/** 410 Gone ("API Concepts › Efficient detection of changes"): a watch from a compacted resource version. */
export function expired(rv: string, oldest: number): ApiStatusError {
  return new ApiStatusError(410, "Expired", `too old resource version: ${rv} (${oldest})`);
}
