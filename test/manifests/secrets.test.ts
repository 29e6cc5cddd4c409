import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { quikship } from "../cli/support.js";
import { removeTrees, writeTree } from "../config/support.js";
import { removeTempDirs, requireKubectl, tempDir } from "./support.js";

after(removeTrees);
after(removeTempDirs);

// Every secret value these tests make resolvable on this machine; none may appear in a rendering.
const SECRETS = {
  APP_DB_PASSWORD: "s3cret-db-password-4417",
  APP_API_TOKEN: "tok_live_9f8e7d6c5b4a",
  fileSecret: "file-secret-value-20261205",
};

const PLATFORM = {
  "quikship.yaml": `version: 1
name: vaulted
registry: { server: registry.example, pullSecret: regcred }
stacks:
  node: { port: 3000, healthPath: /healthz }
services:
  api:
    stack: node
    variables:
      dbPassword: { secret: "env:APP_DB_PASSWORD" }
      apiToken: { secret: "env:APP_API_TOKEN" }
      signingKey: { secret: "file:signing.key" }
      vaultToken: { secret: "vault:secret/data/api#token" }
      logLevel: info
environments:
  dev: { tier: nonprod, target: local, vault: kv-dev }
  prod:
    from: dev
    tier: prod
    vault: kv-prod
`,
  "signing.key": `${SECRETS.fileSecret}\n`,
};

const QUIKAPP_LOCAL = Object.fromEntries(
  ["MONGODB_URI", "MYSQL_PASSWORD", "JWT_SECRET", "OPENAI_API_KEY"].map((n) => [`LOCAL_${n}`, `quikapp-local-${n}-x9`]),
);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function assertNoSecret(text: string, values: string[], where: string): void {
  for (const value of values) assert.ok(!text.includes(value), `${where} holds the secret value ${value}`);
}

describe("rendering never writes a secret value", () => {
  it("keeps every resolvable secret of a platform out of the written trees, the built YAML, the diff and the messages", () => {
    requireKubectl();
    const dir = writeTree(PLATFORM);
    const out = tempDir();
    const env = { ...SECRETS };
    const values = Object.values(SECRETS);
    const results = [
      quikship(["render", "dev", "-c", dir, "--out", out], { env }),
      quikship(["render", "prod", "-c", dir, "--out", out], { env }),
      quikship(["render", "prod", "-c", dir], { env }),
      quikship(["render", "prod", "-c", dir, "--tag", "v2", "--diff", out, "-o", "json"], { env }),
    ];
    results.forEach((r, i) => {
      assert.equal(r.code, 0, r.stderr);
      assertNoSecret(r.stdout + r.stderr, values, `output of run ${i}`);
    });
    const files = filesUnder(out);
    assert.ok(files.length > 10);
    for (const file of files) assertNoSecret(readFileSync(file, "utf8"), values, file);
    // The vault reference is rendered, by its path and key only.
    assert.match(results[2]!.stdout, /key: secret\/data\/api\n\s+property: token/);
    // dev's env: and file: references cannot be rendered, and the command says so.
    assert.match(
      results[0]!.stderr,
      /warning: dev: 3 secret reference\(s\) resolve only on the quikship server's machine/,
    );
  });

  it("keeps QuikApp's local secrets out of its rendering when they are set in the environment", () => {
    const out = tempDir();
    const result = quikship(["render", "local", "-c", "examples/quikapp", "--out", out], { env: QUIKAPP_LOCAL });
    assert.equal(result.code, 0, result.stderr);
    const values = Object.values(QUIKAPP_LOCAL);
    assertNoSecret(result.stdout + result.stderr, values, "output");
    for (const file of filesUnder(out)) assertNoSecret(readFileSync(file, "utf8"), values, file);
  });
});
