import type { Case } from "./case.js";
import { change } from "./case.js";

/** Broken relations: what the rules find across the platform, such as unknown names, cycles and conflicting fields. */
export const RULE_CASES: Case[] = [
  {
    title: "reports a terraform version that is neither a version nor a constraint",
    files: change(["name: shop\n", "name: shop\nterraform:\n  version: latest\n"]),
    errors: [{ at: "quikship.yaml:4:12 terraform.version", says: '"latest" is not a version or a constraint (examples: 1.5.7' }],
  },
  {
    title: "reports an unknown stack with the nearest stack",
    files: change(["  auth:\n    stack: java", "  auth:\n    stack: jav"]),
    errors: [{ at: "quikship.yaml:22:12 services.auth.stack", says: 'unknown stack "jav" (did you mean "java"? known: node, java)' }],
  },
  {
    title: "reports an unknown service under dependsOn",
    files: change(["dependsOn: [auth]", "dependsOn: [auht]"]),
    errors: [{ at: "quikship.yaml:18:17 services.api.dependsOn[0]", says: 'unknown service "auht" (did you mean "auth"? known: web, api, auth)' }],
  },
  {
    title: "reports services that depend on each other in a cycle",
    files: change(["  auth:\n    stack: java", "  auth:\n    stack: java\n    dependsOn: [web]"]),
    errors: [{ at: "quikship.yaml:23:17 services.auth.dependsOn[0]", says: "services depend on each other in a cycle: web → api → auth → web" }],
  },
  {
    title: "reports an unknown approval group with the nearest group",
    files: change(["groups: [CAB, QA Lead]", "groups: [QA Lead, CAB2]"]),
    errors: [{ at: "quikship.yaml:46:25 environments.live.approvals.groups[1]", says: 'unknown group "CAB2" (did you mean "CAB"? known: CAB, QA Lead)' }],
  },
  {
    title: "reports an unknown user among a group's members",
    files: change(["members: [ana, bo]", "members: [ana, bob]"]),
    errors: [{ at: "quikship.yaml:66:20 groups.CAB.members[1]", says: 'unknown user "bob" (did you mean "bo"? known: ana, bo, cy)' }],
  },
  {
    title: "reports an unknown environment under from",
    files: change(["    from: local", "    from: locl"]),
    errors: [{ at: "quikship.yaml:32:11 environments.dev.from", says: 'unknown environment "locl" (did you mean "local"? known: local, dev, live)' }],
  },
  {
    title: "reports a cycle in the ladder once",
    files: change(["    from: local", "    from: live"]),
    errors: [{ at: "quikship.yaml:32:11 environments.dev.from", says: "the ladder has a cycle: dev → live → dev" }],
  },
  {
    title: "reports a second first rung",
    files: change(["    from: local\n", ""]),
    errors: [{ at: "quikship.yaml:31:3 environments.dev", says: 'the ladder has two first rungs ("local" and "dev"); give "dev" a "from"' }],
  },
  {
    title: "reports an alias that is the name of an environment",
    files: change(["aliases: [prod]", "aliases: [prod, dev]"]),
    errors: [{ at: "quikship.yaml:41:21 environments.live.aliases[1]", says: 'alias "dev" is already the name of an environment' }],
  },
  {
    title: "reports an unknown time zone with the nearest zone",
    files: change(["timezone: Europe/London", "timezone: Europe/Londn"]),
    errors: [{ at: "quikship.yaml:51:17 environments.live.windows.timezone", says: 'unknown time zone "Europe/Londn" (did you mean "Europe/London"?)' }],
  },
  {
    title: "reports a window that closes before it opens",
    files: change(['to: "16:00"', 'to: "08:00"']),
    errors: [{ at: "quikship.yaml:55:15 environments.live.windows.weekly[0].to", says: "window closes (08:00) before it opens (09:00)" }],
  },
  {
    title: "reports a freeze that is both a date range and a recurring rule",
    files: change(["          to: 2026-01-02\n", '          to: 2026-01-02\n          cron: "0 0 25 12 *"\n          duration: 24h\n']),
    errors: [{ at: "quikship.yaml:57:11 environments.live.windows.freezes[0]", says: 'freeze "Christmas" must be a date range (from and to) or a recurring rule (cron and duration), not both' }],
  },
  {
    title: "reports an invalid cron expression",
    files: change(["          from: 2025-12-20\n          to: 2026-01-02\n", '          cron: "0 0 32 12 *"\n          duration: 24h\n']),
    errors: [{ at: "quikship.yaml:58:17 environments.live.windows.freezes[0].cron", says: 'invalid cron expression "0 0 32 12 *": day-of-month must be 1-31' }],
  },
  {
    title: "reports canary weights that do not increase",
    files: change(["{ weight: 50, bake: 1h }", "{ weight: 5, bake: 1h }"]),
    errors: [{ at: "quikship.yaml:86:21 analysis.canaryPlans.careful.steps[1].weight", says: "canary weights must strictly increase: 5 follows 10" }],
  },
  {
    title: "reports a canary that does not end at 100",
    files: change(["{ weight: 100 }", "{ weight: 90 }"]),
    errors: [{ at: "quikship.yaml:87:21 analysis.canaryPlans.careful.steps[2].weight", says: "the last canary step must be weight 100, got 90" }],
  },
  {
    title: "reports a canary with both a plan and steps",
    files: change(["{ type: canary, plan: careful }", "{ type: canary, plan: careful, steps: [{ weight: 100 }] }"]),
    errors: [{ at: "quikship.yaml:42:15 environments.live.strategy", says: "needs either plan (a name under analysis.canaryPlans) or steps, not both" }],
  },
  {
    title: "reports an unknown canary plan with the nearest plan",
    files: change(["plan: careful }", "plan: carefull }"]),
    errors: [{ at: "quikship.yaml:42:37 environments.live.strategy.plan", says: 'unknown canary plan "carefull" (did you mean "careful"? known: careful)' }],
  },
  {
    title: "rejects a secret written as a literal and shows how to reference it",
    files: change(['jwtSecret: { secret: "env:JWT_SECRET" }', "jwtSecret: hunter2"]),
    errors: [{ at: "quikship.yaml:20:18 services.api.variables.jwtSecret", says: '"jwtSecret" looks like a secret written as a literal; write a reference instead, e.g. jwtSecret: { secret: "env:JWT_SECRET" }' }],
  },
  {
    title: "reports policy minimum without a minimum",
    files: change(["      minimum: 2\n", ""]),
    errors: [{ at: "quikship.yaml:47:15 environments.live.approvals.policy", says: 'policy "minimum" needs minimum: N' }],
  },
  {
    title: "reports a minimum larger than the number of members",
    files: change(["      minimum: 2\n", "      minimum: 4\n"]),
    errors: [{ at: "quikship.yaml:48:16 environments.live.approvals.minimum", says: 'needs 4 distinct approvers but "CAB" and "QA Lead" have 3 members in all; lower minimum or add members' }],
  },
  {
    title: "reports a trigger with both a branch and a git tag",
    files: change(["      - branch: develop\n", '      - branch: develop\n        gitTag: "v*"\n']),
    errors: [{ at: "quikship.yaml:37:9 environments.dev.triggers[0]", says: "a trigger names a branch or a gitTag, not both" }],
  },
  {
    title: "reports a variable group of kind environment without environments",
    files: change(["    environments: [live]\n", ""]),
    errors: [{ at: 'quikship.yaml:75:11 variableGroups["Live Secrets"].kind', says: 'a variable group of kind "environment" needs environments: [...]' }],
  },
  {
    title: "reports a root file without version and name",
    files: change(["version: 1\nname: shop\n", ""]),
    errors: [{ at: "quikship.yaml:1:1 name", says: 'missing "name:" in the root platform file' }, { at: "quikship.yaml:1:1 version", says: 'missing "version: 1" in the root platform file' }],
  },
  {
    title: "reports a router port used by two environments",
    files: change(["router: { port: 7001 }", "router: { port: 7000 }"]),
    errors: [{ at: "quikship.yaml:34:21 environments.dev.router.port", says: 'router port 7000 is already used by environment "local"' }],
  },
  {
    title: "reports a canary with neither a plan nor steps",
    files: change(["{ type: canary, plan: careful }", "{ type: canary }"]),
    errors: [{ at: "quikship.yaml:42:15 environments.live.strategy", says: "needs either plan (a name under analysis.canaryPlans) or steps, and has neither" }],
  },
  {
    title: "treats a name such as constructor as unknown, not as an inherited property",
    files: change(["dependsOn: [auth]", "dependsOn: [constructor]"], ["    from: local", "    from: constructor"]),
    errors: [
      { at: "quikship.yaml:18:17 services.api.dependsOn[0]", says: 'unknown service "constructor" (known: web, api, auth)' },
      { at: "quikship.yaml:32:11 environments.dev.from", says: 'unknown environment "constructor" (known: local, dev, live)' },
    ],
  },
  {
    title: "reports a Prometheus query template with a placeholder the provider does not fill in",
    files: change(["analysis:\n  thresholds:", 'analysis:\n  provider:\n    type: prometheus\n    url: http://127.0.0.1:9090\n    queries:\n      errors: sum(errors{app="{app}",env="{environment}"})\n  thresholds:']),
    errors: [{ at: "quikship.yaml:84:15 analysis.provider.queries.errors", says: "unknown placeholder {app} in the errors query; the provider fills in {environment}, {service}, {revision}" }],
  },
  {
    title: "reports an environment with registry: none that requires scan reports or signatures, which need a digest",
    files: change(["    progressDeadline: 15m\n", "    progressDeadline: 15m\n    registry: none\n    security: { requireReport: true }\n    signatures: { keys: [keys/release.pub] }\n"]),
    errors: [
      { at: "quikship.yaml:37:32 environments.dev.security.requireReport", says: "requires a scan report of each image's digest, but the environment has registry: none, so no image has a digest to check" },
      { at: "quikship.yaml:38:17 environments.dev.signatures", says: "requires each image's digest to be signed, but the environment has registry: none" },
    ],
  },
  {
    title: "reports a service with registry: none where an environment requires scan reports",
    files: change(["  auth:\n    stack: java", "  auth:\n    stack: java\n    registry: none"], ["    aliases: [prod]\n", "    aliases: [prod]\n    security: { block: [CRITICAL], requireReport: true }\n"]),
    errors: [{ at: "quikship.yaml:43:51 environments.live.security.requireReport", says: 'requires a scan report of each image\'s digest, but service "auth" has registry: none, so no digest to check' }],
  },
  {
    title: "reports a registry prune schedule with an invalid cron expression and an unknown time zone",
    files: change(["name: shop\n", 'name: shop\nregistry:\n  server: registry.example\n  retention:\n    schedule: { cron: "0 3 * * 8", timezone: Mars/Base }\n']),
    errors: [
      { at: "quikship.yaml:6:23 registry.retention.schedule.cron", says: 'invalid cron expression "0 3 * * 8": day-of-week must be 0-7 or sun-sat' },
      { at: "quikship.yaml:6:46 registry.retention.schedule.timezone", says: 'unknown time zone "Mars/Base"' },
    ],
  },
];
