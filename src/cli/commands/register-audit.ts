/** `quikship audit [verify]`: registered by main.ts; the command's code is loaded only when it runs. */
import { Argument } from "commander";
import type { Command } from "commander";
import type { AuditOptions } from "./audit.js";
import type { CommandKit } from "./register-delivery.js";

export function addAuditCommands(program: Command, { client, run }: CommandKit): void {
  client(program.command("audit"))
    .description(
      "the audit log (seq, time, actor, action, subject), oldest first; `audit verify` recomputes its hash chain and exits 1 naming the first entry altered, removed, reordered or inserted",
    )
    .addArgument(new Argument("[action]", "verify: check the hash chain instead of listing").choices(["verify"]))
    .option("--since <time>", "only entries since this ISO 8601 date-time, or this long ago (24h, 7d)")
    .option("--env <name>", "only entries about this environment")
    .option("--action <action>", "only entries of this action (run.submit, token.create, ...)")
    .option("--limit <n>", "at most this many entries, the newest (default 100)")
    .option(
      "--known <seq:hash>",
      "with verify: an entry's seq and hash kept from an earlier verify; fails if it is gone or differs",
    )
    .action(
      run(async (action: string | undefined, opts: AuditOptions) => (await import("./audit.js")).audit(action, opts)),
    );
}
