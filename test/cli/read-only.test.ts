import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { removeTrees, writeTree } from "../config/support.js";
import { json, quikship } from "./support.js";

after(removeTrees);

const QUIKAPP = "examples/quikapp";

describe("the read-only commands on the QuikApp reference platform", () => {
  it("validates it with exit code 0", () => {
    const result = quikship(["validate", QUIKAPP]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /valid: platform quikapp — 33 services, 8 environments/);
  });

  it("lists with --local, once per environment, the secrets this machine cannot resolve; an env: secret that is set is not listed", () => {
    const result = quikship(["validate", QUIKAPP, "--local"], { env: { LOCAL_JWT_SECRET: "set-here" } });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stderr.trim().split("\n");
    assert.deepEqual(
      lines.map((l) => l.split(":")[0]),
      ["local", "dev", "qa", "uat1", "uat2", "uat3", "staging", "live"],
    );
    assert.match(lines[1]!, /^dev: 15 secrets not resolvable on this machine, .*jwtSecret \(keyvault:DEV-JWT-SECRET\)/);
    assert.doesNotMatch(lines[0]!, /LOCAL_JWT_SECRET/);
    assert.match(lines[0]!, /^local: 14 secrets/);
    const report = json<{ unresolvedSecrets: { environment: string; secrets: string[] }[] }>(
      quikship(["validate", QUIKAPP, "--local", "--output", "json"]),
    );
    assert.equal(report.unresolvedSecrets.find((u) => u.environment === "live")?.secrets.length, 17);
  });

  it("lists the 33 services with stack, port and health path", () => {
    const services = json<{ name: string; stack: string; port: number; healthPath: string }[]>(
      quikship(["services", "--config", QUIKAPP, "--output", "json"]),
    );
    assert.equal(services.length, 33);
    const byName = Object.fromEntries(services.map((s) => [s.name, s]));
    assert.deepEqual(
      [
        byName["auth-service"],
        byName["backend-gateway"],
        byName["presence-service"],
        byName["ml-service"],
        byName["channel-service"],
      ].map((s) => [s?.stack, s?.port, s?.healthPath]),
      [
        ["spring-boot", 8080, "/actuator/health"],
        ["nestjs", 3000, "/health"],
        ["elixir", 4000, "/health"],
        ["python", 8000, "/health"],
        ["go", 8080, "/health"],
      ],
    );
    assert.equal(new Set(services.map((s) => s.stack)).size, 5);
  });

  it("gives the ladder in order with each rung's approval groups", () => {
    const envs = json<{ name: string; approvals: { groups: string[] } | null }[]>(
      quikship(["envs", "--output", "json"], { env: { QUIKSHIP_CONFIG: QUIKAPP } }),
    );
    assert.deepEqual(
      envs.map((e) => e.name),
      ["local", "dev", "qa", "uat1", "uat2", "uat3", "staging", "live"],
    );
    const groups = Object.fromEntries(envs.map((e) => [e.name, e.approvals?.groups ?? []]));
    assert.deepEqual(groups.qa, ["QA Lead"]);
    assert.deepEqual(groups.uat3, ["Product Owner", "Security Team"]);
    assert.deepEqual(groups.staging, ["Release Manager"]);
    assert.deepEqual([...(groups.live ?? [])].sort(), ["CAB", "CTO", "Release Manager"]);
    assert.deepEqual(groups.dev, []);
  });

  it("shows live's row of the environment settings table and the Spring Boot variables, secrets masked", () => {
    const result = quikship(["vars", "prod", "--service", "auth-service", "--config", QUIKAPP, "--output", "json"]);
    const out = json<{
      environment: string;
      variables: Record<string, { value: unknown; secret: boolean; reference?: string; source: string }>;
    }>(result);
    assert.equal(out.environment, "live");
    const v = out.variables;
    assert.deepEqual(
      ["nodeEnv", "logLevel", "tracingSampleRate", "datadogEnabled", "newrelicEnabled", "otelEnabled"].map(
        (n) => v[n]?.value,
      ),
      ["production", "warn", 0.1, true, true, true],
    );
    assert.equal(v.javaVersion?.value, "21");
    assert.equal(v.mavenVersion?.value, "3.9.5");
    assert.equal(v.springProfile?.value, "live");
    assert.match(v.javaVersion?.source ?? "", /SpringBoot/);
    const secrets = Object.values(v).filter((x) => x.secret);
    assert.ok(secrets.length >= 5, "secrets present");
    for (const s of secrets) {
      assert.equal(s.value, "********");
      assert.match(s.reference ?? "", /^(env|file|keyvault|vault):/);
    }
  });

  it("says whether the production window is open: Friday 11:59 yes, 12:00 no, next Monday 09:00", () => {
    const open = json<{ window: { open: boolean } }>(
      quikship(["envs", "live", "-c", QUIKAPP, "-o", "json", "--at", "2026-11-20T11:59:00-05:00"]),
    );
    assert.equal(open.window.open, true);
    const closed = json<{ window: { open: boolean; nextOpening: { local: string; utc: string } } }>(
      quikship(["envs", "live", "-c", QUIKAPP, "-o", "json", "--at", "2026-11-20T12:00:00-05:00"]),
    );
    assert.equal(closed.window.open, false);
    assert.equal(closed.window.nextOpening.utc, "2026-11-23T14:00:00Z");
    assert.match(closed.window.nextOpening.local, /Mon 2026-11-23 09:00 America\/New_York/);
    const text = quikship(["envs", "live", "-c", QUIKAPP, "--at", "2026-11-21T10:00:00-05:00"]);
    assert.match(
      text.stdout,
      /closed now \(outside the deployment window\); opens Mon 2026-11-23 09:00 America\/New_York \(2026-11-23T14:00:00Z\)/,
    );
  });
});

describe("errors and exit codes", () => {
  it("reports a broken platform with its place and exits 1, as text and as JSON", () => {
    const dir = writeTree({
      "quikship.yaml":
        "version: 1\nname: x\nenvironments:\n  dev: { tier: nonprod, approvals: { groups: [CAB2] } }\ngroups:\n  CAB: {}\n",
    });
    const text = quikship(["validate", dir]);
    assert.equal(text.code, 1);
    assert.match(
      text.stderr,
      /quikship\.yaml:4:47 environments\.dev\.approvals\.groups\[0\]: unknown group "CAB2" \(did you mean "CAB"\?/,
    );
    const asJson = json<{ valid: boolean; errors: { line: number; column: number; path: (string | number)[] }[] }>(
      quikship(["validate", dir, "-o", "json"]),
    );
    assert.equal(asJson.valid, false);
    assert.deepEqual(
      asJson.errors.map((e) => [e.line, e.column, e.path]),
      [[4, 47, ["environments", "dev", "approvals", "groups", 0]]],
    );
  });

  it("names the nearest environment and service for unknown names, with exit 1", () => {
    const env = quikship(["vars", "lve", "-c", QUIKAPP]);
    assert.equal(env.code, 1);
    assert.match(env.stderr, /unknown environment "lve" \(did you mean "live"/);
    const service = json<{ error: { kind: string; message: string } }>(
      quikship(["vars", "live", "--service", "auth-servce", "-c", QUIKAPP, "-o", "json"]),
    );
    assert.equal(service.error.kind, "not-found");
    assert.match(service.error.message, /did you mean "auth-service"/);
  });

  it("exits 2 on usage errors: an unknown option, a bad choice, a missing argument", () => {
    assert.equal(quikship(["services", "--bogus"]).code, 2);
    assert.equal(quikship(["services", "--output", "yaml"]).code, 2);
    assert.equal(quikship(["vars"]).code, 2);
    assert.equal(quikship(["envs", "live", "-c", QUIKAPP, "--at", "someday"]).code, 2);
  });

  it("explains a missing platform file", () => {
    const dir = writeTree({ README: "nothing here" });
    const result = quikship(["services"], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /platform file does not exist; pass --config PATH or create quikship\.yaml/);
  });
});
