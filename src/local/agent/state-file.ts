import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** `<state>/agent.json`: how servers find the agent. Mode 0600: it holds the agent's token. */
export interface AgentFile {
  pid: number;
  port: number;
  url: string;
  token: string;
  startedAt: number;
  version: string;
}

export const agentFilePath = (stateDir: string): string => join(stateDir, "agent.json");
export const agentLogPath = (stateDir: string): string => join(stateDir, "agent.log");

export function readAgentFile(stateDir: string): AgentFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(agentFilePath(stateDir), "utf8")) as Partial<AgentFile>;
    if (typeof parsed.pid !== "number" || typeof parsed.url !== "string" || typeof parsed.token !== "string")
      return undefined;
    return parsed as AgentFile;
  } catch {
    return undefined;
  }
}

export function writeAgentFile(stateDir: string, file: AgentFile): void {
  mkdirSync(stateDir, { recursive: true });
  const tmp = `${agentFilePath(stateDir)}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, agentFilePath(stateDir));
}

/** Removes agent.json if it still names `pid` (a newer agent's file is left alone). */
export function removeAgentFile(stateDir: string, pid?: number): void {
  const file = readAgentFile(stateDir);
  if (pid === undefined || file === undefined || file.pid === pid) rmSync(agentFilePath(stateDir), { force: true });
}
