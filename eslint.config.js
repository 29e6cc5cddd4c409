import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

/** Layers that touch the world: a pure layer imports none of them (docs/architecture.md, "Layers"). */
const EFFECTFUL = ["store", "engine", "targets", "local", "api", "server", "cli"].map((f) => `./src/${f}`);

/**
 * The layering of docs/architecture.md, as import-x zones (paths from the repository root):
 * config, gates and platform import no effectful layer; nothing but the local target
 * (`targets/local.ts`) and the agent and router themselves imports `local/`; only `store/` imports kysely.
 */
const zones = [
  ...["config", "gates", "platform"].map((pure) => ({
    target: `./src/${pure}`,
    from: EFFECTFUL,
    message: `${pure}/ is pure: it imports no effectful layer (store, engine, targets, local, api, server, cli).`,
  })),
  ...["api", "engine", "server", "cli", "config", "gates", "platform", "analysis", "audit", "store"].map((layer) => ({
    target: `./src/${layer}`,
    from: "./src/local",
    message: `${layer}/ never imports local/: go through the Target interface (src/targets/target.ts).`,
  })),
  {
    // Every folder of src/ but store/, and the files at its top.
    target: ["./src/!(store)/**", "./src/*.ts", "./dashboard/src/**"],
    from: "./node_modules/kysely",
    message: "only store/ imports kysely: add an operation under src/store/ and call it.",
  },
  {
    target: "./src/targets/!(local).ts",
    from: "./src/local",
    message: "only targets/local.ts imports local/: other targets go through the Target interface.",
  },
];

// A named import of zod makes the bundle carry all of zod (every locale): keep start-up quick.
const zodNamespace = {
  selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier",
  message: 'Import zod as a namespace: import * as z from "zod".',
};

// Outside targets/, kinds are told apart with isKind (src/kind.ts) or a switch: a `.kind ===`
// comparison is how code used to walk around the Target interface ("if the target is local").
const kindComparison = {
  selector: "BinaryExpression[operator=/^[!=]==$/] > MemberExpression[property.name='kind']",
  message: "Tell kinds apart with isKind (src/kind.ts) or a switch; compare a target's kind only in targets/.",
};

// zod's describe copies the schema; the platform schema is built on every first `ci plan`.
const describeCopy = {
  selector: "CallExpression[callee.property.name='describe'][callee.object.type='CallExpression']",
  message:
    'A schema built here is described in place: .apply(described, "...") (common.ts). .describe() is for a shared schema.',
};

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "scratch/",
      "test-output/",
      "**/*.mjs",
      "**/*.cjs",
      "node_modules/",
      "web/dist/",
      "coverage/",
      // Generated from the OpenAPI document by openapi-typescript (npm run api-types); a test keeps it current.
      "dashboard/src/api-types.ts",
      "**/*.js",
      "!eslint.config.js",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "import-x": importX },
    settings: {
      // import-x reads only the files it takes for modules: TypeScript's too.
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/external-module-folders": ["node_modules", "node_modules/@types"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      // Resolves TypeScript imports (`./x.js` → `./x.ts`), so import-x's rules see every relative import.
      "import-x/resolver-next": [
        createTypeScriptImportResolver({
          project: [`${import.meta.dirname}/tsconfig.json`, `${import.meta.dirname}/dashboard/tsconfig.json`],
        }),
      ],
    },
    rules: {
      "@typescript-eslint/no-floating-promises": [
        "error",
        // node:test's describe/it return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["describe", "it", "test", "suite"] },
          ],
        },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Type-only imports make no runtime cycle and are not counted.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones }],
      "no-restricted-syntax": ["error", zodNamespace],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/targets/**", "src/kind.ts"],
    rules: { "no-restricted-syntax": ["error", zodNamespace, kindComparison] },
  },
  {
    files: ["src/config/schema/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", zodNamespace, kindComparison, describeCopy] },
  },
  {
    // A step's parameters, state and outputs are parsed with its zod schemas, never asserted.
    files: ["src/engine/steps/**/*.ts"],
    rules: { "@typescript-eslint/consistent-type-assertions": ["error", { assertionStyle: "never" }] },
  },
  {
    files: ["eslint.config.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
