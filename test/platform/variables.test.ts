import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { loadPlatform } from "../../src/config/load.js";
import type { Platform } from "../../src/config/types.js";
import { findEnvironment, findService } from "../../src/platform/lookup.js";
import { effectiveVariables } from "../../src/platform/variables.js";
import { removeTrees, writeTree } from "../config/support.js";

after(removeTrees);

const PLATFORM = `version: 1
name: vars
stacks:
  java: { port: 8080 }
  go: { port: 8080 }
services:
  auth: { stack: java, variables: { logLevel: trace } }
  search: { stack: go }
environments:
  dev: { tier: nonprod }
  live: { tier: prod, from: dev, aliases: [prod] }
variableGroups:
  Global: { kind: global, variables: { logLevel: info, logFormat: json, region: eastus } }
  Prod-Tier: { kind: tier, tiers: [prod], variables: { region: westus, minReplicas: 3 } }
  Java: { kind: stack, stacks: [java], variables: { javaVersion: "21", springProfile: "$(environment)-$(region)", jvmOpts: "-Xmx512m" } }
  Live: { kind: environment, environments: [prod], variables: { logLevel: warn, jvmOpts: "-Xmx2g", jwtSecret: { secret: "keyvault:PROD-JWT-SECRET" } } }
  TF-Common: { kind: terraform, variables: { tfVersion: "1.5.7" } }
  TF-Live: { kind: terraform, environments: [live], variables: { tfVersion: "1.11.0", aksSku: Standard } }
  CI-Common: { kind: ci, variables: { trivySeverity: "HIGH,CRITICAL" } }
  CI-Go: { kind: ci, stacks: [go], variables: { goVersion: "1.21" } }
`;

function load(): Platform {
  const result = loadPlatform(writeTree({ "quikship.yaml": PLATFORM }));
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.platform;
}

const asRecord = (list: ReturnType<typeof effectiveVariables>) => Object.fromEntries(list.map((v) => [v.name, v]));

describe("effective variables", () => {
  const platform = load();
  const live = findEnvironment(platform, "live");

  it("layers global < tier < stack < environment < service, naming each source and what it overrode", () => {
    const vars = asRecord(effectiveVariables(platform, live, { service: findService(platform, "auth") }));
    assert.deepEqual(vars.logLevel, {
      name: "logLevel",
      source: "service auth",
      secret: false,
      value: "trace",
      overrides: ["Global", "Live"],
    });
    assert.equal(vars.region?.secret === false && vars.region.value, "westus");
    assert.equal(vars.region?.source, "Prod-Tier");
    assert.equal(vars.jvmOpts?.secret === false && vars.jvmOpts.value, "-Xmx2g");
    assert.equal(vars.javaVersion?.source, "Java");
  });

  it("matches environment groups by alias and keeps secrets as references", () => {
    const vars = asRecord(effectiveVariables(platform, live, {}));
    assert.deepEqual(vars.jwtSecret, {
      name: "jwtSecret",
      source: "Live",
      secret: true,
      reference: "keyvault:PROD-JWT-SECRET",
      overrides: [],
    });
  });

  it("substitutes $(name) with plain variables and the environment name", () => {
    const vars = asRecord(effectiveVariables(platform, live, { service: findService(platform, "auth") }));
    assert.equal(vars.springProfile?.secret === false && vars.springProfile.value, "live-westus");
  });

  it("leaves stack groups out when no service is named, and other stacks' groups always", () => {
    const none = asRecord(effectiveVariables(platform, live, {}));
    assert.equal(none.javaVersion, undefined);
    const search = asRecord(effectiveVariables(platform, live, { service: findService(platform, "search") }));
    assert.equal(search.javaVersion, undefined);
  });

  it("gives each operation only the groups it may read", () => {
    const deploy = asRecord(effectiveVariables(platform, live, { operation: "deploy" }));
    assert.equal(deploy.tfVersion, undefined);
    assert.equal(deploy.trivySeverity, undefined);
    const terraform = asRecord(effectiveVariables(platform, live, { operation: "terraform" }));
    assert.deepEqual(Object.keys(terraform).sort(), ["aksSku", "tfVersion"]);
    assert.equal(terraform.tfVersion?.secret === false && terraform.tfVersion.value, "1.11.0");
    const devTerraform = asRecord(
      effectiveVariables(platform, findEnvironment(platform, "dev"), { operation: "terraform" }),
    );
    assert.equal(devTerraform.tfVersion?.secret === false && devTerraform.tfVersion.value, "1.5.7");
    const ci = asRecord(
      effectiveVariables(platform, live, { operation: "ci", service: findService(platform, "search") }),
    );
    assert.deepEqual(Object.keys(ci).sort(), ["goVersion", "trivySeverity"]);
  });

  it("names the nearest environments for an unknown one", () => {
    assert.throws(() => findEnvironment(platform, "liv"), /unknown environment "liv" \(did you mean "live"/);
  });
});
