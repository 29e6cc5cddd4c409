/**
 * The one error hierarchy. Every error a user can cause is a QuikshipError whose kind maps to an
 * HTTP status and a CLI exit code here, and nowhere else.
 */

export const ERROR_KINDS = [
  "input",
  "usage",
  "unauthenticated",
  "forbidden",
  "not-found",
  "conflict",
  "step-failed",
  "too-large",
  "headers-too-large",
  "unavailable",
  "internal",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

const HTTP_STATUS: Record<ErrorKind, number> = {
  input: 400,
  usage: 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  /** Never an answer to a request: the kind of a run's or step's error when a step's effect failed (a health check, a script). */
  "step-failed": 422,
  "too-large": 413,
  "headers-too-large": 431,
  unavailable: 503,
  internal: 500,
};

/** CLI exit codes: 0 ok, 1 invalid input or a failed operation, 2 usage, 3 the server could not be reached. */
const EXIT_CODE: Record<ErrorKind, number> = {
  input: 1,
  usage: 2,
  unauthenticated: 1,
  forbidden: 1,
  "not-found": 1,
  conflict: 1,
  "step-failed": 1,
  "too-large": 1,
  "headers-too-large": 1,
  unavailable: 3,
  internal: 1,
};

export interface ErrorOptions {
  details?: unknown;
  cause?: unknown;
  /** Whether retrying the same operation may succeed (a timeout, a lost connection). */
  retryable?: boolean;
}

export class QuikshipError extends Error {
  readonly kind: ErrorKind;
  readonly details: unknown;
  readonly retryable: boolean;

  constructor(kind: ErrorKind, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.details = options.details;
    this.retryable = options.retryable ?? false;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.kind];
  }

  get exitCode(): number {
    return EXIT_CODE[this.kind];
  }

  toJSON(): { error: { kind: ErrorKind; message: string; details?: unknown } } {
    return {
      error: {
        kind: this.kind,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export class InputError extends QuikshipError {
  constructor(message: string, options?: ErrorOptions) {
    super("input", message, options);
  }
}

export class UsageError extends QuikshipError {
  constructor(message: string, options?: ErrorOptions) {
    super("usage", message, options);
  }
}

export class NotFoundError extends QuikshipError {
  constructor(message: string, options?: ErrorOptions) {
    super("not-found", message, options);
  }
}

export class ConflictError extends QuikshipError {
  constructor(message: string, options?: ErrorOptions) {
    super("conflict", message, options);
  }
}

/** A request larger than the server accepts: its body (413) or its headers (431). */
export class TooLargeError extends QuikshipError {
  constructor(part: "body" | "headers", message: string, options?: ErrorOptions) {
    super(part === "body" ? "too-large" : "headers-too-large", message, options);
  }
}

export class UnauthenticatedError extends QuikshipError {
  constructor(message: string, options?: ErrorOptions) {
    super("unauthenticated", message, options);
  }
}

export class ForbiddenError extends QuikshipError {
  constructor(message: string, options?: ErrorOptions) {
    super("forbidden", message, options);
  }
}

export class UnavailableError extends QuikshipError {
  constructor(message: string, options?: ErrorOptions) {
    super("unavailable", message, { retryable: true, ...options });
  }
}

/** A broken invariant: always a bug in quikship, never the user's doing. */
export class InternalError extends QuikshipError {
  constructor(message: string, options?: ErrorOptions) {
    super("internal", `internal error (a bug in quikship, please report it): ${message}`, options);
  }
}

/** Any thrown value as a QuikshipError; unknown errors become internal ones, keeping the cause. */
export function asQuikshipError(error: unknown): QuikshipError {
  if (error instanceof QuikshipError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new InternalError(message, { cause: error });
}
