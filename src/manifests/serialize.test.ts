import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { load } from "js-yaml";
import { parse } from "yaml";
import { documentOf, toYaml, yamlFile } from "./serialize.js";

// Plain data as the manifests hold it: no undefined, no non-finite numbers.
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string({ unit: "grapheme" }),
    fc.constantFrom(
      "yes",
      "No",
      "ON",
      "off",
      "y",
      "null",
      "~",
      "0755",
      "1e3",
      ".inf",
      "12:30",
      "- a",
      "a: b",
      "#x",
      "@x",
    ),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
  ),
  node: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("list"), tie("map")),
  list: fc.array(tie("node"), { maxLength: 4 }),
  map: fc.dictionary(fc.string({ unit: "grapheme" }), tie("node"), { maxKeys: 4, noNullPrototype: true }),
})).map;

describe("toYaml", () => {
  it("writes what both YAML 1.2 and YAML 1.1 readers read back as the same data", () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = toYaml(v);
        assert.deepEqual(parse(text), v);
        assert.deepEqual(load(text), v);
      }),
      { numRuns: 300, examples: [[{ "": [-0] }], [{ a: 1e21, b: -1.5e-7 }]] },
    );
  });

  it("sorts keys, keeps list order, and quotes words a YAML 1.1 reader would take for booleans", () => {
    assert.equal(
      toYaml({ spec: { b: ["z", "a"], a: "yes" }, apiVersion: "v1", data: { port: "3306", on: "on" } }),
      'apiVersion: v1\ndata:\n  "on": "on"\n  port: "3306"\nspec:\n  a: "yes"\n  b:\n  - z\n  - a\n',
    );
  });
});

describe("yamlFile and documentOf", () => {
  it("give back what a YAML reader reads from the file, without reading it", () => {
    fc.assert(
      fc.property(value, (v) => {
        const file = yamlFile("base/api/deployment.yaml", v);
        assert.equal(file.content, toYaml(v));
        assert.deepEqual(documentOf(file), load(file.content));
      }),
    );
  });

  it("leave out undefined keys and list items as toYaml does, and hand out a copy of their own", () => {
    const written = { kind: "ConfigMap", data: { a: "1", b: undefined }, list: [1, undefined, 2] };
    const file = yamlFile("overlays/dev/api/configmap.yaml", written);
    written.data.a = "changed after writing";
    const first = documentOf(file) as { data: Record<string, string> };
    assert.deepEqual(first, { data: { a: "1" }, kind: "ConfigMap", list: [1, 2] });
    first.data.a = "changed by a reader";
    assert.deepEqual(documentOf(file), load(file.content));
    assert.deepEqual(documentOf({ path: "x.yaml", content: "a: 1\n" }), { a: 1 }, "a file read from disk is parsed");
  });
});
