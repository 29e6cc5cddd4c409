/** `quikship token`, `can` and `platform`: registered by main.ts; the commands' code is loaded only when they run. */
import { Argument } from "commander";
import type { Command } from "commander";
import { PERMISSION_ACTIONS } from "../../config/schema/permission-actions.js";
import type { ClientOptions } from "../client-options.js";
import type { CommandKit } from "./register-delivery.js";
import type { TokenCreateOptions } from "./token.js";

const list = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== ""),
];

function addTokenCommands(program: Command, { client, run }: CommandKit): void {
  const token = program
    .command("token")
    .description("your personal tokens; tokens for users and service tokens (administrators)");
  client(token.command("create"))
    .description(
      "create a token, printed once, alone on standard output: a personal token of yours (after `quikship login`), one for a user (--user, administrators; it never approves) or a service token for CI and bots (--service, administrators; it never approves)",
    )
    .option("--user <name>", "issue it to this user of the platform file (or admin)")
    .option("--service <name>", "a service token of this name (lower-case letters, digits, -)")
    .option("--groups <names>", "with --service: the platform groups it acts in (comma-separated, repeatable)", list)
    .option("--expires-in <duration>", "how long it lasts, e.g. 30d (default: the platform's signIn.tokenExpiry, 90d)")
    .option("--description <text>", "what the token is for")
    .action(run(async (opts: TokenCreateOptions) => (await import("./token.js")).tokenCreate(opts)));
  client(token.command("rotate"))
    .description("replace a token by a new one (printed once) and revoke the old; your own, or any as an administrator")
    .argument("<id>", "token id (tok_...)")
    .option("--expires-in <duration>", "how long the new one lasts (default: the platform's signIn.tokenExpiry)")
    .action(
      run(async (id: string, opts: ClientOptions & { expiresIn?: string }) =>
        (await import("./token.js")).tokenRotate(id, opts),
      ),
    );
  client(token.command("revoke"))
    .description("revoke a token by its id: it stops working at once")
    .argument("<id>", "token id (tok_...)")
    .action(run(async (id: string, opts: ClientOptions) => (await import("./token.js")).tokenRevoke(id, opts)));
  client(token.command("list"))
    .description(
      "list tokens (yours; everyone's for an administrator): id, kind, user, expiry, last use; never the secrets",
    )
    .action(run(async (opts: ClientOptions) => (await import("./token.js")).tokenList(opts)));
}

export function addAccessCommands(program: Command, kit: CommandKit): void {
  const { client, run } = kit;
  addTokenCommands(program, kit);
  client(program.command("can"))
    .description(
      "whether a user may take an action in an environment, and why: the group that allows it, or the groups that would; exits 1 when refused",
    )
    .argument("<user>", "a user of the platform file (yourself: your own name)")
    .addArgument(new Argument("<action>", "the action, or all").choices([...PERMISSION_ACTIONS, "all"]))
    .argument("<env>", "an environment or its alias")
    .action(
      run(async (user: string, action: string, env: string, opts: ClientOptions) =>
        (await import("./access.js")).can(user, action, env, opts),
      ),
    );
  const platform = program.command("platform").description("the platform file the server runs with");
  client(platform.command("reload"))
    .description(
      "make the server load its platform file again (administrators): validated in full first, an invalid file refused with its located errors while the version in use stays; waiting runs are checked again",
    )
    .action(run(async (opts: ClientOptions) => (await import("./access.js")).platformReload(opts)));
  client(platform.command("history"))
    .description("the platform versions the server has loaded, newest first (* marks the one in use)")
    .option("--changes", "also list each version's changes")
    .action(
      run(async (opts: ClientOptions & { changes?: boolean }) => (await import("./access.js")).platformHistory(opts)),
    );
}
