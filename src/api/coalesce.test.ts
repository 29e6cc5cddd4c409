import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { coalesce } from "./coalesce.js";

describe("coalesce", () => {
  it("answers calls made during a read with the next read, one for all of them, and each key apart", async () => {
    const reads: string[] = [];
    const release: Array<() => void> = [];
    const read = coalesce((key: string) => {
      reads.push(key);
      const n = reads.length;
      return new Promise<string>((resolve) => release.push(() => resolve(`${key}#${n}`)));
    });
    const first = read("all");
    const [second, third, other] = [read("all"), read("all"), read("dev")];
    assert.deepEqual(reads, ["all", "dev"], "the calls made during the first read wait for the next");
    release.shift()!();
    assert.equal(await first, "all#1");
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(reads, ["all", "dev", "all"]);
    release.shift()!();
    release.shift()!();
    assert.deepEqual([await second, await third, await other], ["all#3", "all#3", "dev#2"]);
  });

  it("rejects every caller of a failed read, and reads again for the next call", async () => {
    let fail = true;
    const read = coalesce(() => (fail ? Promise.reject(new Error("down")) : Promise.resolve("up")));
    await assert.rejects(read(undefined), /down/);
    fail = false;
    assert.equal(await read(undefined), "up");
  });
});
