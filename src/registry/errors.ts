import { QuikshipError } from "../errors.js";

/**
 * The registry refused quikship's credential (401) or its access (403). Not the caller's own
 * authentication, so it is a failed operation (422 through the API), never a 401 of quikship's.
 */
export class RegistryAuthError extends QuikshipError {
  readonly status: 401 | 403;
  constructor(status: 401 | 403, message: string) {
    super("step-failed", `${message} (${status === 401 ? "401 unauthorized" : "403 forbidden"})`);
    this.status = status;
  }
}
