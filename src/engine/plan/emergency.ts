import type { Platform } from "../../config/types.js";
import { ForbiddenError } from "../../errors.js";

/** An emergency override of deployment windows (its reason checked by the request schema): only members of a group allowed to may give one. */
export function checkEmergency(platform: Platform, actor: string): void {
  const allowed = Object.values(platform.groups).filter((g) => g.emergencyOverride);
  if (!allowed.some((g) => g.members.includes(actor))) {
    throw new ForbiddenError(
      `${actor || "this user"} may not override deployment windows; only members of ${allowed.map((g) => g.name).join(", ") || "(no group)"} may`,
    );
  }
}
