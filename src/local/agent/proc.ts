import { readdirSync, readFileSync } from "node:fs";

/**
 * What /proc says about a process. A pid alone may be reused; a pid with its start time (in clock
 * ticks since boot) and the boot id names one process for good, even after it exec'd another program.
 */

function stat(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: the fields start after the last ")".
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** Whether the process exists and is not a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  const fields = stat(pid);
  return fields !== undefined && fields[0] !== "Z" && fields[0] !== "X";
}

/** The process's start time in clock ticks since boot (field 22 of /proc/PID/stat). */
export function startTime(pid: number): string | undefined {
  return stat(pid)?.[19];
}

/** CPU time the process has used, user and system, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
export function cpuTicks(pid: number): number | undefined {
  const fields = stat(pid);
  return fields ? Number(fields[11]) + Number(fields[12]) : undefined;
}

/** Resident memory of the process in pages (second field of /proc/PID/statm). */
export function residentPages(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
  } catch {
    return undefined;
  }
}

export function bootId(): string {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return "unknown";
  }
}

/** The program and arguments a process runs, as /proc shows them. */
export function commandLine(pid: number): string[] | undefined {
  try {
    const parts = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    if (parts.at(-1) === "") parts.pop();
    return parts;
  } catch {
    return undefined;
  }
}

/** Signals a whole process group; false when no process of the group is left. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Whether any live (non-zombie) process belongs to the group. */
export function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (isRunning(pgid)) return true;
  // The leader is gone; a member may remain (a shell's child, say). A zombie-only group counts as gone.
  try {
    for (const name of readdirSync("/proc")) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      const fields = stat(pid);
      if (fields && fields[2] === String(pgid) && fields[0] !== "Z") return true;
    }
  } catch {
    return true;
  }
  return false;
}
