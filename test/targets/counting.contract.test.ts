import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Environment, Service } from "../../src/config/types.js";
import { CountingTarget } from "../../src/targets/counting.js";
import { targetContract } from "./contract.js";

const SECRET = "counted-s3cret-9";

/** The counting test target: effects as lines of a file, synced to disk. */
targetContract("counting (effects in a file)", () => {
  const dir = mkdtempSync(join(tmpdir(), "quikship-counting-contract-"));
  const file = join(dir, "effects.jsonl");
  const secretFile = join(dir, "api-key");
  writeFileSync(secretFile, SECRET);
  const read = (path: string): string => {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return "";
    }
  };
  return Promise.resolve({
    target: new CountingTarget(file),
    environment: { name: "dev" } as Environment,
    service: { name: "web", healthPath: "/health" } as Service,
    secret: { reference: `file:${secretFile}`, value: SECRET },
    started: () => read(file) !== "",
    written: () => read(file) + read(`${file}.state`),
    close: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
