/**
 * The lint rules of docs/architecture.md ("Layering, enforced") fire on planted examples: each file
 * is linted through ESLint's API with the repository's own configuration, as `npm run lint` does.
 */
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ESLint } from "eslint";
import * as prettier from "prettier";

const root = join(import.meta.dirname, "../..");
// Planted under src/ so the zones and the type-aware rules apply; removed afterwards.
const planted = join(root, "src/engine/steps/zz-planted-lint");
const apiPlanted = join(root, "src/api/zz-planted-lint.ts");
const kindPlanted = join(root, "src/engine/zz-planted-kind.ts");
const targetsPlanted = join(root, "src/targets/zz-planted-kind.ts");
const schemaPlanted = join(root, "src/config/schema/zz-planted-describe.ts");
const kindComparison = 'export const isLocal = (target: { kind: string }): boolean => target.kind === "local";\n';

async function ruleIds(files: string[]): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(files);
  return results.flatMap((r) => r.messages.map((m) => m.ruleId ?? m.message));
}

describe("the lint rules", () => {
  before(() => {
    mkdirSync(planted, { recursive: true });
    writeFileSync(join(planted, "a.ts"), 'import { b } from "./b.js";\nexport const a = (): number => b() + 1;\n');
    writeFileSync(join(planted, "b.ts"), 'import { a } from "./a.js";\nexport const b = (): number => a() - 1;\n');
    writeFileSync(
      join(planted, "cast.ts"),
      "export function size(value: unknown): number {\n  return (value as { size: number }).size;\n}\n",
    );
    writeFileSync(apiPlanted, 'export { runAgent } from "../local/agent/main.js";\n');
    writeFileSync(kindPlanted, kindComparison);
    writeFileSync(targetsPlanted, kindComparison);
    writeFileSync(schemaPlanted, 'import * as z from "zod";\nexport const name = z.string().describe("A name.");\n');
  });
  after(() => {
    rmSync(planted, { recursive: true, force: true });
    rmSync(apiPlanted, { force: true });
    rmSync(kindPlanted, { force: true });
    rmSync(targetsPlanted, { force: true });
    rmSync(schemaPlanted, { force: true });
  });

  it("refuses an import cycle", async () => {
    assert.ok((await ruleIds([join(planted, "a.ts")])).includes("import-x/no-cycle"));
  });

  it("refuses an import of local/ from api/", async () => {
    assert.ok((await ruleIds([apiPlanted])).includes("import-x/no-restricted-paths"));
  });

  it("refuses a type assertion in src/engine/steps/", async () => {
    assert.ok((await ruleIds([join(planted, "cast.ts")])).includes("@typescript-eslint/consistent-type-assertions"));
  });

  it("refuses a .kind comparison outside targets/, and accepts it inside", async () => {
    assert.ok((await ruleIds([kindPlanted])).includes("no-restricted-syntax"));
    assert.ok(!(await ruleIds([targetsPlanted])).includes("no-restricted-syntax"));
  });

  it("refuses .describe() on a schema built in the same expression in src/config/schema/, and accepts it on a shared one", async () => {
    assert.ok((await ruleIds([schemaPlanted])).includes("no-restricted-syntax"));
    writeFileSync(
      schemaPlanted,
      'import * as z from "zod";\nconst name = z.string();\nexport const id = name.describe("An id.");\n',
    );
    assert.ok(!(await ruleIds([schemaPlanted])).includes("no-restricted-syntax"));
  });

  it("finds an unformatted file, and accepts it once formatted", async () => {
    const filepath = join(root, "src/zz-planted.ts");
    const options = { ...(await prettier.resolveConfig(filepath)), filepath };
    const ugly = "export const  x = {a:1,\n b : 2}\n";
    assert.equal(await prettier.check(ugly, options), false);
    assert.equal(await prettier.check(await prettier.format(ugly, options), options), true);
  });
});
