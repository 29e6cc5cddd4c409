import type { Clock } from "../../engine/clock.js";
import { systemClock } from "../../engine/clock.js";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { bootId, groupAlive, isRunning, signalGroup, startTime } from "./proc.js";

/**
 * The instances an agent runs, kept in `<state>/agent-instances.json` so that an agent killed
 * without warning (SIGKILL) leaves a record: the next agent, or `quikship agent stop`, ends the
 * leftovers. Each record names its process by pid, start time and boot id, so a reused pid is
 * never mistaken for a leftover. No secrets here: commands carry none.
 */
export interface InstanceRecord {
  pid: number;
  startTime: string;
  bootId: string;
  command: string[];
  instance: string;
}

const FILE = "agent-instances.json";

export class InstanceRegistry {
  readonly #path: string;
  readonly #boot = bootId();
  #records = new Map<number, InstanceRecord>();

  constructor(stateDir: string) {
    this.#path = join(stateDir, FILE);
  }

  add(pid: number, instance: string, command: string[]): void {
    this.#records.set(pid, { pid, startTime: startTime(pid) ?? "", bootId: this.#boot, command, instance });
    this.#write();
  }

  remove(pid: number): void {
    if (this.#records.delete(pid)) this.#write();
  }

  /** Forgets the file (on a clean exit every instance has stopped). */
  clear(): void {
    this.#records.clear();
    rmSync(this.#path, { force: true });
  }

  #write(): void {
    const tmp = `${this.#path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.#path), { recursive: true });
      writeFileSync(tmp, `${JSON.stringify([...this.#records.values()], null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, this.#path);
    } catch {
      // Best effort: without the record only the clean-up after a SIGKILL of the agent is lost.
    }
  }
}

function readRecords(stateDir: string): InstanceRecord[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(stateDir, FILE), "utf8"));
    return Array.isArray(parsed) ? (parsed as InstanceRecord[]) : [];
  } catch {
    return [];
  }
}

/** Whether a record still names a live process: same boot, same pid, same start time. */
function isLeftover(record: InstanceRecord, boot: string): boolean {
  return record.bootId === boot && isRunning(record.pid) && startTime(record.pid) === record.startTime;
}

/**
 * Ends the instances a previous agent left running (SIGTERM to each process group, SIGKILL to the
 * groups still alive after `graceMs`), then removes the record. Returns the pids it ended.
 */
export async function killLeftovers(stateDir: string, graceMs = 5_000, clock: Clock = systemClock): Promise<number[]> {
  const boot = bootId();
  const leftovers = readRecords(stateDir).filter((r) => isLeftover(r, boot));
  for (const r of leftovers) signalGroup(r.pid, "SIGTERM");
  const deadline = clock.now() + graceMs;
  while (leftovers.some((r) => groupAlive(r.pid)) && clock.now() < deadline) await clock.sleep(50);
  for (const r of leftovers) if (groupAlive(r.pid)) signalGroup(r.pid, "SIGKILL");
  rmSync(join(stateDir, FILE), { force: true });
  return leftovers.map((r) => r.pid);
}
