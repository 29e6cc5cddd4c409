import type { Case } from "./case.js";
import { change } from "./case.js";

/** Broken values: what the schema rejects, located at the key or value, with the nearest allowed name. */
export const SCHEMA_CASES: Case[] = [
  {
    title: "reports an unknown top-level key with the nearest known key",
    files: change(["services:\n  web:", "servces:\n  web:"]),
    errors: [{ at: "quikship.yaml:11:1 servces", says: 'unknown key "servces" (did you mean "services"? known: $schema, version, name' }],
  },
  {
    title: "reports an unknown nested key with the nearest known key",
    files: change(["    healthPath: /healthz", "    helthPath: /healthz"]),
    errors: [{ at: "quikship.yaml:6:5 stacks.node.helthPath", says: 'unknown key "helthPath" (did you mean "healthPath"? known: displayName, runtime,' }],
  },
  {
    title: "reports a port written as a string",
    files: change(["    port: 8081", '    port: "8081"']),
    errors: [{ at: "quikship.yaml:17:11 services.api.port", says: 'expected a number, got the string "8081"' }],
  },
  {
    title: "reports a port out of range",
    files: change(["    port: 8081", "    port: 80810"]),
    errors: [{ at: "quikship.yaml:17:11 services.api.port", says: "must be at most 65535, got 80810" }],
  },
  {
    title: "reports a service without its stack at the service's key",
    files: change(["  auth:\n    stack: java", "  auth:\n    description: Sign-in"]),
    errors: [{ at: "quikship.yaml:21:3 services.auth.stack", says: 'missing required key "stack" (name of a stack under stacks)' }],
  },
  {
    title: "reports an unknown tier with the nearest tier",
    files: change(["    tier: prod", "    tier: prd"]),
    errors: [{ at: "quikship.yaml:40:11 environments.live.tier", says: '"prd" is not allowed here (did you mean "prod"? known: nonprod, preprod, prod)' }],
  },
  {
    title: "reports an unknown strategy type with the nearest type",
    files: change(["{ type: canary, plan: careful }", "{ type: canery, plan: careful }"]),
    errors: [{ at: "quikship.yaml:42:23 environments.live.strategy.type", says: 'unknown type "canery" (did you mean "canary"? known: rolling, canary, blue-green)' }],
  },
  {
    title: "reports a time of day in the wrong format",
    files: change(['from: "09:00"', "from: 9am"]),
    errors: [{ at: "quikship.yaml:54:17 environments.live.windows.weekly[0].from", says: 'must be a time of day "HH:MM" (24-hour, "24:00" for the end of the day), got "9am"' }],
  },
  {
    title: "reports a duration written in words",
    files: change(["progressDeadline: 15m", "progressDeadline: 15 minutes"]),
    errors: [{ at: "quikship.yaml:35:23 environments.dev.progressDeadline", says: 'must be a duration such as "30s", "15m", "1h", "1h30m", "1440m" or "7d", got "15 minutes"' }],
  },
  {
    title: "reports a secret reference without a scheme",
    files: change(['{ secret: "keyvault:LIVE-DB-PASSWORD" }', "{ secret: plain }"]),
    errors: [{ at: 'quikship.yaml:78:30 variableGroups["Live Secrets"].variables.DB_PASSWORD.secret', says: 'must be a secret reference: "env:NAME", "file:PATH", "keyvault:ENV-SECRET-NAME" or "vault:PATH#KEY", got "plain"' }],
  },
  {
    title: "reports a service name that is not a DNS label at its key",
    files: change(["  web:\n", "  Web:\n"]),
    errors: [{ at: "quikship.yaml:12:3 services.Web", says: "invalid name \"Web\": must be lower-case letters, digits and '-' (a DNS label)" }],
  },
  {
    title: "reports an empty collection at its key",
    files: change(["  ana: { name: Ana, email: ana@example.com }\n  bo: {}\n  cy: {}\n", ""]),
    errors: [{ at: "quikship.yaml:60:1 users", says: "expected a mapping, got an empty value (write {} for an empty mapping)" }],
  },
  {
    title: "reports a wrong version once, not also as missing",
    files: change(["version: 1", "version: 2"]),
    errors: [{ at: "quikship.yaml:1:10 version", says: "must be 1, got number 2" }],
  },
  {
    title: "reports a rejected first rung once, without ladder errors about the rungs after it",
    files: change(["    tier: nonprod\n    target: local", "    tier: nonprd\n    target: local"]),
    errors: [{ at: "quikship.yaml:28:11 environments.local.tier", says: '"nonprd" is not allowed here (did you mean "nonprod"?' }],
  },
  {
    title: "lists only the keys of the strategy type written when a key does not belong to it",
    files: change(["{ type: canary, plan: careful }", "{ type: rolling, plan: careful }"]),
    errors: [{ at: "quikship.yaml:42:32 environments.live.strategy.plan", says: 'unknown key "plan" (known: type, maxSurge, maxUnavailable)' }],
  },
  {
    title: "reports a strategy without a type",
    files: change(["{ type: canary, plan: careful }", "{ plan: careful }"]),
    errors: [{ at: "quikship.yaml:42:5 environments.live.strategy.type", says: 'missing "type": one of rolling, canary or blue-green' }],
  },
  {
    title: "reports approvals without groups",
    files: change(["groups: [CAB, QA Lead]", "groups: []"]),
    errors: [{ at: "quikship.yaml:46:15 environments.live.approvals.groups", says: "needs at least 1 entry, got 0" }],
  },
  {
    title: "reports an unknown weekday with the nearest day",
    files: change(["days: [mon, tue, wed, thu]", "days: [mon, tues]"]),
    errors: [{ at: "quikship.yaml:53:23 environments.live.windows.weekly[0].days[1]", says: '"tues" is not allowed here (did you mean "tue"?' }],
  },
];
