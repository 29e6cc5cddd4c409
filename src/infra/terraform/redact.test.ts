import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planSchema } from "./plan-json.js";
import { REDACTED, SecretSet, redactByMask } from "./redact.js";
import { redactPlan } from "./redact-plan.js";

const SECRET = "hunter2-db-password";
const KEY = "AKIA-secret-access-key";

/** A plan in terraform's JSON format with sensitive values in every place terraform puts them. */
const plan = planSchema.parse({
  format_version: "1.2",
  terraform_version: "1.11.4",
  variables: { db_password: { value: SECRET }, region: { value: "westeurope" } },
  resource_changes: [
    {
      address: "terraform_data.db",
      mode: "managed",
      type: "terraform_data",
      name: "db",
      change: {
        actions: ["update"],
        before: { input: { password: "old-password-1", size: 2 }, id: "abc" },
        after: { input: { password: SECRET, size: 3 }, id: "abc" },
        before_sensitive: { input: { password: true } },
        after_sensitive: { input: { password: true } },
      },
    },
  ],
  resource_drift: [
    {
      address: "module.keys.terraform_data.key",
      mode: "managed",
      type: "terraform_data",
      name: "key",
      change: {
        actions: ["update"],
        before: { input: ["a", KEY] },
        after: { input: ["a", "rotated-key-9"] },
        before_sensitive: { input: [false, true] },
        after_sensitive: { input: [false, true] },
      },
    },
  ],
  output_changes: {
    conn: {
      actions: ["create"],
      before: null,
      after: `postgres://app:${SECRET}@db`,
      before_sensitive: false,
      after_sensitive: true,
    },
    region: { actions: ["create"], before: null, after: "westeurope", before_sensitive: false, after_sensitive: false },
  },
  planned_values: {
    outputs: {
      conn: { sensitive: true, value: `postgres://app:${SECRET}@db` },
      region: { sensitive: false, value: "westeurope" },
    },
    root_module: {
      resources: [
        {
          address: "terraform_data.db",
          values: { input: { password: SECRET, size: 3 } },
          sensitive_values: { input: { password: true } },
        },
      ],
      child_modules: [
        {
          address: "module.keys",
          resources: [
            {
              address: "module.keys.terraform_data.key",
              values: { input: ["a", KEY] },
              sensitive_values: { input: [false, true] },
            },
          ],
        },
      ],
    },
  },
  prior_state: { values: { outputs: { conn: { sensitive: true, value: "postgres://app:old-password-1@db" } } } },
  configuration: {
    root_module: {
      variables: { db_password: { sensitive: true, default: "default-password-0" }, region: { default: "westeurope" } },
      outputs: {
        conn: { sensitive: true, expression: { constant_value: "literal-secret-7" } },
        derived: { sensitive: true, expression: { references: ["terraform_data.db.id", "terraform_data.db"] } },
      },
      module_calls: {
        keys: { module: { variables: { key: { sensitive: true, default: "module-default-8" } } } },
      },
    },
  },
  // A place terraform never marks: a free-text field quoting the secret is scrubbed all the same.
  note: `seeded with ${SECRET}`,
});

describe("redactPlan", () => {
  const { plan: safe, secrets } = redactPlan(plan);
  const text = JSON.stringify(safe);

  it("leaves no sensitive value anywhere in the plan", () => {
    for (const value of [
      SECRET,
      KEY,
      "old-password-1",
      "rotated-key-9",
      "default-password-0",
      "literal-secret-7",
      "module-default-8",
    ])
      assert.ok(!text.includes(value), `${value} leaked`);
  });

  it("replaces the marked values in place and keeps the rest", () => {
    const change = safe.resource_changes?.[0]?.change;
    assert.deepEqual(change?.before, { input: { password: REDACTED, size: 2 }, id: "abc" });
    assert.deepEqual(change?.after, { input: { password: REDACTED, size: 3 }, id: "abc" });
    assert.deepEqual(safe.resource_drift?.[0]?.change.before, { input: ["a", REDACTED] });
    assert.equal(safe.output_changes?.conn?.after, REDACTED);
    assert.equal(safe.output_changes?.region?.after, "westeurope");
    assert.deepEqual(safe.variables, { db_password: { value: REDACTED }, region: { value: "westeurope" } });
    assert.equal(safe.planned_values?.outputs?.region?.value, "westeurope");
  });

  it("keeps the addresses a sensitive output refers to readable", () => {
    assert.ok(text.includes('"terraform_data.db"'));
    assert.equal(safe.resource_changes?.[0]?.address, "terraform_data.db");
  });

  it("scrubs strings terraform did not mark, and gives the secrets to scrub logs with", () => {
    assert.equal((safe as { note?: unknown }).note, `seeded with ${REDACTED}`);
    assert.equal(secrets.scrub(`connecting with ${KEY}`), `connecting with ${REDACTED}`);
  });
});

describe("redactByMask", () => {
  it("redacts a whole value marked true, and leaves null alone", () => {
    const secrets = new SecretSet();
    assert.equal(redactByMask({ a: 1 }, true, secrets), REDACTED);
    assert.equal(redactByMask(null, true, secrets), null);
    assert.deepEqual(redactByMask({ a: "x", b: "y" }, false, secrets), { a: "x", b: "y" });
  });

  it("does not search for values too short to scrub safely, but still redacts them where marked", () => {
    const secrets = new SecretSet();
    assert.deepEqual(redactByMask({ pin: "42" }, { pin: true }, secrets), { pin: REDACTED });
    assert.equal(secrets.size, 0);
    assert.equal(secrets.scrub("answer 42"), "answer 42");
  });
});
