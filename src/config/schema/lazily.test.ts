import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as z from "zod";
import { described, lazily } from "./common.js";

/** A section as the platform schema writes one, and a count of the times it was built. */
function counted(): { build: () => z.ZodObject; builds: () => number } {
  let builds = 0;
  const build = () => {
    builds++;
    return z
      .strictObject({ port: z.number().int().min(1), mode: z.enum(["a", "b"]).default("a") })
      .apply(described, "A section.");
  };
  return { build, builds: () => builds };
}

const parent = (section: z.ZodType) =>
  z.strictObject({ name: z.string(), section: section.optional().apply(described, "Optional section.") });

describe("lazily", () => {
  it("builds nothing while the document leaves the key out, then builds once", () => {
    const { build, builds } = counted();
    const schema = parent(lazily(build));
    assert.deepEqual(schema.parse({ name: "x" }, { jitless: true }), { name: "x" });
    assert.equal(builds(), 0);
    assert.deepEqual(schema.parse({ name: "x", section: { port: 1 } }, { jitless: true }), {
      name: "x",
      section: { port: 1, mode: "a" },
    });
    schema.parse({ name: "y", section: { port: 2 } }, { jitless: true });
    assert.equal(builds(), 1);
  });

  it("parses and rejects exactly as the schema it builds", () => {
    const eager = parent(counted().build());
    const lazy = parent(lazily(counted().build));
    for (const document of [
      { name: "x" },
      { name: "x", section: { port: 0 } },
      { name: "x", section: { port: 1, extra: true } },
      { name: "x", section: null },
      { section: { mode: "c" } },
    ]) {
      const [a, b] = [eager.safeParse(document, { jitless: true }), lazy.safeParse(document, { jitless: true })];
      assert.deepEqual(b.success ? b.data : b.error.issues, a.success ? a.data : a.error.issues);
    }
  });

  it("gives the same JSON Schema as the schema it builds", () => {
    const options = { io: "input", target: "draft-7" } as const;
    assert.deepEqual(
      JSON.stringify(z.toJSONSchema(parent(lazily(counted().build)), options)),
      JSON.stringify(z.toJSONSchema(parent(counted().build()), options)),
    );
  });

  it("refuses a schema whose value may be absent, whose absence it could not answer for", () => {
    const schema = parent(lazily(() => z.string().default("x")));
    assert.throws(() => schema.parse({ name: "x", section: "y" }, { jitless: true }), /lazily\(\) takes a schema/);
  });
});
