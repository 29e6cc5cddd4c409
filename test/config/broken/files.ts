import type { Case } from "./case.js";
import { change, root } from "./case.js";
import { BASE } from "../base-platform.js";
import { edit } from "../support.js";

/** Broken files: YAML the parser refuses, files that cannot be read, and includes that go wrong. */
export const FILE_CASES: Case[] = [
  {
    title: "reports a YAML syntax error where the flow mapping is left open",
    files: change(["strategy: { type: canary, plan: careful }", "strategy: { type: canary, plan: careful"]),
    errors: [{ at: "quikship.yaml:42:15 (document)", says: 'YAML syntax error: "{" is not closed: end it with "}"' }],
  },
  {
    title: "reports a tab used for indentation",
    files: change(["  web:\n    stack: node", "  web:\n\tstack: node"]),
    errors: [{ at: "quikship.yaml:13:1 (document)", says: "YAML syntax error: a tab is used for indentation; indent with spaces" }],
  },
  {
    title: "reports a bad indentation that nests a key under a scalar",
    files: change(["    port: 8081", "     port: 8081"]),
    errors: [{ at: "quikship.yaml:17:6 (document)", says: "this line is indented deeper than the key above it, which already has a value" }],
  },
  {
    title: "reports a top level that is a list, not a mapping",
    files: root("- version: 1\n- name: shop\n"),
    errors: [{ at: "quikship.yaml:1:1 (document)", says: "a platform file must be a YAML mapping" }],
  },
  {
    title: "names both places when two included files define the same service",
    files: {
      "quikship.yaml": edit(BASE, ["name: shop\n", "name: shop\ninclude: [team-a.yaml, team-b.yaml]\n"]),
      "team-a.yaml": "services:\n  worker:\n    stack: java\n",
      "team-b.yaml": "# the other team's services\nservices:\n  worker:\n    stack: node\n",
    },
    errors: [{ at: "team-b.yaml:3:3 services.worker", says: 'duplicate name "worker": services already defines it at team-a.yaml:2:3; rename or remove one' }],
  },
  {
    title: "reports a key written twice in one mapping",
    files: change(["    port: 3000\n", "    port: 3000\n    port: 3001\n"]),
    errors: [{ at: "quikship.yaml:6:5 (document)", says: 'YAML syntax error: key "port" appears twice in this mapping (first at line 5); remove one' }],
  },
  {
    title: "reports an included file that does not exist at the include entry",
    files: change(["name: shop\n", "name: shop\ninclude:\n  - services.yaml\n"]),
    errors: [{ at: "quikship.yaml:4:5 include[0]", says: "included file services.yaml does not exist" }],
  },
  {
    title: "reports an include loop with the chain of files",
    files: {
      "quikship.yaml": edit(BASE, ["name: shop\n", "name: shop\ninclude: [a.yaml]\n"]),
      "a.yaml": "include: [b.yaml]\n",
      "b.yaml": "include:\n  - a.yaml\n",
    },
    errors: [{ at: "b.yaml:2:5 include[0]", says: "include loop: quikship.yaml → a.yaml → b.yaml → a.yaml; remove one of these includes" }],
  },
  {
    title: "reports an unknown key in an included file at its place in that file",
    files: {
      "quikship.yaml": edit(BASE, ["name: shop\n", "name: shop\ninclude: [ops/tags.yaml]\n"]),
      "ops/tags.yaml": "# how CI tags images\ntags:\n  default: auto\n  rulez: []\n",
    },
    errors: [{ at: "ops/tags.yaml:4:3 tags.rulez", says: 'unknown key "rulez" (did you mean "rules"? known: default, rules)' }],
  },
  {
    title: "reports only the missing include, not the names its file would have defined",
    files: change(["name: shop\n", "name: shop\ninclude: [access.yaml]\n"], ["groups:\n  CAB:\n    members: [ana, bo]\n  QA Lead:\n    members: [cy]\n", ""]),
    errors: [{ at: "quikship.yaml:3:11 include[0]", says: "included file access.yaml does not exist" }],
  },
  {
    title: "reports an include that names a directory",
    files: { ...change(["name: shop\n", "name: shop\ninclude: [teams]\n"]), "teams/a.yaml": "users: {}\n" },
    errors: [{ at: "quikship.yaml:3:11 include[0]", says: "included file teams is a directory; name a YAML file" }],
  },
  {
    title: "reports include written as a string rather than a list",
    files: change(["name: shop\n", "name: shop\ninclude: services.yaml\n"]),
    errors: [{ at: "quikship.yaml:3:10 include", says: 'expected a list, got the string "services.yaml"' }],
  },
  {
    title: "reports an empty root file once",
    files: root("# nothing yet\n"),
    errors: [{ at: "quikship.yaml:1:1 (document)", says: "the platform file is empty; start it with version: 1, name: and environments:" }],
  },
  {
    title: "reports a second YAML document in a file",
    files: change(["name: shop\n", "name: shop\n---\nname: other\n"]),
    errors: [{ at: "quikship.yaml:3:1 (document)", says: 'a platform file holds one YAML document; remove this "---"' }],
  },
  {
    title: "reports an unclosed quote at its opening quote",
    files: change(["name: shop", 'name: "shop']),
    errors: [{ at: "quikship.yaml:2:7 (document)", says: 'this quoted value is not closed; end it with "' }],
  },
  {
    title: "reports an alias with no anchor",
    files: change(["members: [ana, bo]", "members: *approvers"]),
    errors: [{ at: "quikship.yaml:66:14 (document)", says: 'alias "*approvers" names no anchor "&approvers" before it' }],
  },
  {
    title: "refuses aliases that expand to too much data",
    files: change([
      "  cy: {}\n",
      "  cy: {}\ndescription: &a [x, x, x, x, x, x, x, x, x, x]\nregistry: &b { server: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a] }\n" +
        "terraform: { backend: { c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b] } }\n",
    ]),
    errors: [{ at: "quikship.yaml:65:25 (document)", says: "aliases expand to too much data" }],
  },
];
