import * as z from "zod";
import { DURATION_PATTERN } from "../duration.js";

/**
 * `.describe(description)` without its copy: zod's `describe` clones the schema to register the
 * text on the clone, and these modules build some 250 described schemas when the reader is
 * imported, which is most of a first `ci plan`. Use it as `.apply(described, "...")` on a schema
 * built in the same expression. A shared schema (`duration`, `dnsName`) keeps `.describe()`, so
 * its bare uses stay undescribed; one already described is copied here too.
 */
export function described<S extends z.ZodType>(schema: S, description: string): S {
  if (z.globalRegistry.has(schema)) return schema.describe(description);
  z.globalRegistry.add(schema, { description });
  return schema;
}

/**
 * A schema built the first time a document holds a value for it (or the JSON Schema is written):
 * a first `ci plan` reads the platform once, and building every part of the schema, most of which a
 * platform leaves out, cost more than reading it. For an object, record or union, which a value
 * may not leave out by itself: `.optional()` on it leaves it unbuilt while the key is absent, as
 * zod asks a lazy schema whether its value may be absent only by building it, and the answer here
 * is known. Describe it inside `build`: a description on the lazy schema itself would change the
 * JSON Schema's key order.
 */
export function lazily<S extends z.ZodType>(build: () => S): z.ZodLazy<S> {
  const schema = z.lazy(() => {
    const built = build();
    if (built._zod.optin !== undefined || built._zod.optout !== undefined)
      throw new Error("internal error (a bug): lazily() takes a schema whose value cannot be absent");
    return built;
  });
  Object.assign(schema._zod, { optin: undefined, optout: undefined });
  return schema;
}

/** Lower-case DNS label: service, stack and environment names become host names and namespaces. */
export const dnsName = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "must be lower-case letters, digits and '-' (a DNS label)");

/** A name people read, such as an approver group ("QA Lead") or a variable group. */
export const displayName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}$/,
    "must start with a letter or digit; letters, digits, spaces, '.', '_' and '-' only",
  );

export { DURATION_PATTERN };
export const duration = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration such as "30s", "15m", "1h", "1h30m", "1440m" or "7d"')
  .apply(described, 'A duration: digits followed by ms, s, m, h, d or w, and combinations such as "1h30m".');

export const percent = z
  .union([z.number().min(0).max(100), z.string().regex(/^\d+(\.\d+)?%$/, 'must be a percentage such as "0.5%" or 70')])
  .apply(described, 'A percentage: a number from 0 to 100, or a string such as "0.5%".');

export const port = z.number().int().min(1).max(65535).apply(described, "A TCP port, 1 to 65535.");

export const httpPath = z.string().regex(/^\/[^\s]*$/, 'must be an absolute URL path such as "/health"');

export const cpuQuantity = z.string().regex(/^(\d+m|\d+(\.\d+)?)$/, 'must be a CPU quantity such as "50m" or "0.5"');
export const memoryQuantity = z
  .string()
  .regex(/^\d+(Ki|Mi|Gi|Ti|K|M|G|T)?$/, 'must be a memory quantity such as "128Mi" or "1Gi"');

export const SECRET_SCHEMES = ["env", "file", "keyvault", "vault"] as const;
export const SECRET_REF_PATTERN = /^(env|file|keyvault|vault):\S+$/;

export const secretRef = z
  .strictObject({
    secret: z
      .string()
      .regex(
        SECRET_REF_PATTERN,
        'must be a secret reference: "env:NAME", "file:PATH", "keyvault:ENV-SECRET-NAME" or "vault:PATH#KEY"',
      )
      .apply(
        described,
        'Where the secret value lives; quikship stores and shows only this reference. "env:NAME" reads the server\'s environment, "file:PATH" a file, "keyvault:ENV-SECRET-NAME" an Azure Key Vault secret, "vault:PATH#KEY" a HashiCorp Vault key.',
      ),
  })
  .apply(described, "A secret variable: a reference to where its value lives, never the value itself.");

export const variableValue = z
  .union([z.string(), z.number(), z.boolean(), secretRef])
  .apply(
    described,
    'A plain value, or {secret: "scheme:reference"} for a secret. "$(name)" inside a string is replaced by the variable of that name.',
  );

export const variables = lazily(() =>
  z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an identifier (letters, digits and '_')"),
      variableValue,
    )
    .apply(described, "Variables by name."),
);

export const command = z
  .union([z.string().min(1), z.array(z.string()).min(1)])
  .apply(described, "A command: a list of program and arguments (run without a shell), or a string run by /bin/sh.");

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const weekday = z.enum(WEEKDAYS);

export const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be a time of day "HH:MM" (24-hour, "24:00" for the end of the day)');

export const replicas = lazily(() =>
  z
    .strictObject({
      min: z.number().int().min(0).apply(described, "Fewest replicas (and the count deployed)."),
      max: z.number().int().min(1).apply(described, "Most replicas the autoscaler may reach."),
    })
    .apply(described, "Replica range."),
);

export const resources = lazily(() =>
  z
    .strictObject({
      cpuRequest: cpuQuantity.optional(),
      memoryRequest: memoryQuantity.optional(),
      cpuLimit: cpuQuantity.optional(),
      memoryLimit: memoryQuantity.optional(),
    })
    .apply(described, "Container resource requests and limits."),
);

export const hpa = lazily(() =>
  z
    .strictObject({
      enabled: z.boolean().default(true),
      cpuTargetUtilization: z
        .number()
        .int()
        .min(1)
        .max(100)
        .apply(described, "Average CPU utilisation the autoscaler aims for, in percent."),
    })
    .apply(described, "Horizontal pod autoscaler."),
);

export const pdb = lazily(() =>
  z
    .strictObject({
      enabled: z.boolean(),
      minAvailable: z
        .union([z.number().int().min(0), percent])
        .optional()
        .apply(described, "Pods that must stay up during voluntary disruptions."),
    })
    .apply(described, "Pod disruption budget."),
);
