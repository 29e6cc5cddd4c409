import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Environment, Service } from "../../src/config/types.js";
import { LocalTarget } from "../../src/targets/local.js";
import { SECRET, workspace } from "../local/agent-support.js";
import { targetContract } from "./contract.js";

/** The local target through a real agent process (started by the target), its router and real instances. */
targetContract("local (a real agent and router)", () => {
  const ws = workspace();
  const secretFile = join(ws.dir, "api-key");
  writeFileSync(secretFile, SECRET);
  const target = new LocalTarget({ stateDir: ws.state });
  const environment = { name: "dev", routerPort: undefined, progressDeadlineMs: 30_000 } as Environment;
  const service = {
    name: "api",
    healthPath: "/health",
    local: { command: [process.execPath, ws.script], cwd: tmpdir() },
  } as Service;
  return Promise.resolve({
    target,
    environment,
    service,
    secret: { reference: `file:${secretFile}`, value: SECRET },
    started: () => existsSync(join(ws.state, "agent.json")),
    written: () => allText(ws.state),
    close: async () => {
      await target.stopAgent();
      rmSync(ws.dir, { recursive: true, force: true });
    },
  });
});

/** Every file under a directory, as one text (none: empty). */
function allText(dir: string): string {
  let text = "";
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return "";
  }
  for (const name of names) {
    const path = join(dir, name);
    text += statSync(path).isDirectory() ? allText(path) : readFileSync(path, "utf8");
  }
  return text;
}
