import * as z from "zod";

export const SERVER_STATES = ["alive", "stopped", "missing"] as const;

export const serverView = z.object({
  id: z.string().describe("The server's id, the owner of the leases it holds (kept in its state directory)"),
  host: z.string(),
  pid: z.number().int(),
  version: z.string().describe("quikship's version on that server"),
  schemaVersion: z.number().int().describe("The newest database migration its build knows"),
  leaseMs: z.number().int().describe("How long its claims of runs last unless renewed"),
  startedAt: z.number().int(),
  heartbeatAt: z.number().int().describe("Its last heartbeat (every second while it runs)"),
  stoppedAt: z.number().int().nullable().describe("When it stopped gracefully; null while it runs or if it died"),
  state: z
    .enum(SERVER_STATES)
    .describe("alive: heard of within its lease; stopped: stopped gracefully; missing: no heartbeat since"),
  runsHeld: z.number().int().describe("Runs it holds now (leases not expired)"),
  nextLeaseExpiry: z.number().int().nullable().describe("The soonest expiry of its leases, unless renewed"),
  self: z.boolean().describe("This is the server that answered"),
});

export type ServerView = z.infer<typeof serverView>;
