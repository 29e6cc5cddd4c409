import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { loadPlatform } from "../../src/config/load.js";
import { BASE } from "./base-platform.js";
import { root } from "./broken/case.js";
import { FILE_CASES } from "./broken/files.js";
import { RULE_CASES } from "./broken/rules.js";
import { SCHEMA_CASES } from "./broken/schema.js";
import { edit, messageOf, placeOf, removeTrees, writeTree } from "./support.js";

const CASES = [...FILE_CASES, ...SCHEMA_CASES, ...RULE_CASES];

/** Not platforms at all: the loader must answer each with errors, never an exception. */
const ODD_FILES: string[] = [
  "",
  "---\n",
  "{}\n",
  "[]\n",
  "null\n",
  "42\n",
  "\u0000\u0001\u0002binary",
  "version: 1\nname: shop\n__proto__: { polluted: true }\nenvironments: { live: { tier: prod } }\n",
  "version: 1\nname: shop\nenvironments: { live: { tier: prod, from: live } }\n",
  "version: 1\nname: shop\nenvironments: { a: { tier: prod, from: b }, b: { tier: prod, from: a } }\n",
  "version: 1\nname: shop\nservices: { a: { stack: s, dependsOn: [a] } }\nstacks: { s: {} }\nenvironments: { live: { tier: prod } }\n",
  "version: 1\nname: shop\nenvironments: { live: { tier: prod, approvals: { groups: [toString], policy: minimum, minimum: 1 } } }\n",
  "version: 1\nname: shop\n? [a, b]\n: c\n1: 2\n",
  `version: 1\nname: shop\ndescription: ${"[".repeat(200)}${"]".repeat(200)}\n`,
];

after(removeTrees);

describe("broken platform files", () => {
  test("the base platform they are derived from loads without errors or warnings", () => {
    const result = loadPlatform(writeTree(root(BASE)));
    assert.deepEqual(result.ok ? result.warnings : result.errors, []);
    assert.equal(result.ok, true);
  });

  for (const c of CASES) {
    test(c.title, () => {
      const dir = writeTree(c.files);
      const result = loadPlatform(dir);
      assert.equal(result.ok, false, "the platform should not load");
      if (result.ok) return;
      const actual = result.errors.map((d) => `${placeOf(d, dir)}: ${messageOf(d, dir)}`);
      const shown = `\n${actual.join("\n")}\n`;
      assert.equal(result.errors.length, c.errors.length, `errors:${shown}`);
      c.errors.forEach((expected, i) => {
        const d = result.errors[i]!;
        assert.equal(placeOf(d, dir), expected.at, `error ${i + 1} is misplaced:${shown}`);
        assert.ok(
          messageOf(d, dir).includes(expected.says),
          `error ${i + 1} should say ${JSON.stringify(expected.says)}:${shown}`,
        );
      });
    });
  }

  test("reports schema and rule errors of several files in one pass, sorted by file and line", () => {
    const dir = writeTree({
      "quikship.yaml": edit(
        BASE,
        ["name: shop\n", "name: shop\ninclude: [team.yaml]\n"],
        ["    port: 8081", '    port: "8081"'],
        ["groups: [CAB, QA Lead]", "groups: [QA Lead, CAB2]"],
      ),
      "team.yaml": "services:\n  billing:\n    stack: jva\n  ledger:\n    stack: java\n    replica: 2\n",
    });
    const result = loadPlatform(dir);
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.errors.map((d) => placeOf(d, dir)), [
      "quikship.yaml:18:11 services.api.port",
      "quikship.yaml:47:25 environments.live.approvals.groups[1]",
      "team.yaml:3:12 services.billing.stack",
      "team.yaml:6:5 services.ledger.replica",
    ]);
  });

  test("never throws, for any broken case or odd file", () => {
    const trees = [...CASES.map((c) => c.files), ...ODD_FILES.map(root), {}];
    for (const files of trees) {
      const dir = writeTree(files);
      assert.doesNotThrow(() => loadPlatform(dir), `loading ${JSON.stringify(files)}`);
    }
  });
});
