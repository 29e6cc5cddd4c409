import * as z from "zod";

/**
 * The parts of terraform's JSON plan (`terraform show -json PLANFILE`, format 1.x) quikship reads.
 * Objects are loose: the rest of the document is kept as terraform wrote it (after redaction) but
 * not typed here.
 */
const json = z.unknown();

export const changeSchema = z.looseObject({
  actions: z.array(z.string()),
  before: json.optional(),
  after: json.optional(),
  after_unknown: json.optional(),
  before_sensitive: json.optional(),
  after_sensitive: json.optional(),
  importing: json.optional(),
});

export const resourceChangeSchema = z.looseObject({
  address: z.string(),
  module_address: z.string().optional(),
  mode: z.string().default("managed"),
  type: z.string(),
  name: z.string(),
  previous_address: z.string().optional(),
  action_reason: z.string().optional(),
  change: changeSchema,
});

const outputValueSchema = z.looseObject({ sensitive: z.boolean().default(false), value: json.optional() });
const valuesModule = z.looseObject({});
const stateValues = z.looseObject({
  outputs: z.record(z.string(), outputValueSchema).optional(),
  root_module: valuesModule.optional(),
});

export const planSchema = z.looseObject({
  format_version: z.string(),
  terraform_version: z.string(),
  variables: z.record(z.string(), z.looseObject({ value: json.optional() })).optional(),
  planned_values: stateValues.optional(),
  resource_changes: z.array(resourceChangeSchema).optional(),
  resource_drift: z.array(resourceChangeSchema).optional(),
  output_changes: z.record(z.string(), changeSchema).optional(),
  prior_state: z.looseObject({ values: stateValues.optional() }).optional(),
  configuration: z.looseObject({}).optional(),
  errored: z.boolean().default(false),
  applyable: z.boolean().optional(),
});
export type PlanJson = z.output<typeof planSchema>;
export type ResourceChangeJson = z.output<typeof resourceChangeSchema>;

/** `terraform output -json`. */
export const outputsSchema = z.record(
  z.string(),
  z.looseObject({ sensitive: z.boolean().default(false), type: json.optional(), value: json.optional() }),
);
