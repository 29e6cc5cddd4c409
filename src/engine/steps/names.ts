import * as z from "zod";

/** The names steps are planned with: canonical names of the platform file. */
export const environmentName = z.string().min(1);
export const serviceName = z.string().min(1);
/** The key of an earlier step of the run whose output a step reads. */
export const stepKey = z.string().min(1);
