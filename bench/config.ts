import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPlatform } from "../src/config/load.js";
import { bundleCli } from "../scripts/build.js";
import { report, timeInProcess, timeProcess } from "./support.js";

/** A platform of `services` services and `environments` environments, in one file. */
export function generatedPlatform(services: number, environments: number): string {
  const lines: string[] = ["version: 1", "name: generated", "registry: { server: registry.example }", "stacks:"];
  for (const stack of ["java", "node", "go", "python", "elixir"]) {
    lines.push(`  ${stack}: { port: 8080, healthPath: /health, local: { command: [node, server.js] } }`);
  }
  lines.push("users:");
  for (let u = 0; u < 20; u++) lines.push(`  user-${u}: { email: user-${u}@example.com }`);
  lines.push("groups:", "  Approvers: { members: [user-0, user-1, user-2] }", "  CAB: { members: [user-3, user-4] }");
  lines.push(
    "analysis:",
    "  canaryPlans:",
    "    progressive: { steps: [{ weight: 5, bake: 15m }, { weight: 25, bake: 30m }, { weight: 50, bake: 1h }, { weight: 100 }] }",
  );
  lines.push("environments:");
  for (let e = 0; e < environments; e++) {
    const tier = e < environments / 2 ? "nonprod" : e < environments - 1 ? "preprod" : "prod";
    lines.push(
      `  env-${e}:`,
      `    tier: ${tier}`,
      ...(e > 0 ? [`    from: env-${e - 1}`] : []),
      `    replicas: { min: 1, max: 3 }`,
    );
    if (e > 0)
      lines.push(`    approvals: { groups: [Approvers${e === environments - 1 ? ", CAB" : ""}], policy: all }`);
    if (e === environments - 1) {
      lines.push(
        "    strategy: { type: canary, plan: progressive }",
        "    windows: { timezone: America/New_York, weekly: [{ days: [mon, tue, wed, thu], from: '09:00', to: '16:00' }, { days: [fri], from: '09:00', to: '12:00' }] }",
      );
    }
  }
  lines.push("variableGroups:", "  Global: { kind: global, variables: { logFormat: json, region: eastus } }");
  for (let e = 0; e < environments; e++) {
    lines.push(
      `  Env-${e}: { kind: environment, environments: [env-${e}], variables: { logLevel: info, dbPassword: { secret: "keyvault:ENV${e}-DB-PASSWORD" } } }`,
    );
  }
  lines.push("services:");
  const stacks = ["java", "node", "go", "python", "elixir"];
  for (let s = 0; s < services; s++) {
    lines.push(
      `  service-${s}:`,
      `    stack: ${stacks[s % stacks.length]}`,
      `    repository: example/service-${s}`,
      `    paths: ["services/service-${s}/**"]`,
      ...(s > 0 && s % 10 !== 0 ? [`    dependsOn: [service-${s - 1}]`] : []),
    );
  }
  return `${lines.join("\n")}\n`;
}

export async function benchConfig(): Promise<void> {
  console.log("\n# platform file: load and validate");
  // The command as installed: the bundle built from the current sources.
  await bundleCli();
  const quikapp = "examples/quikapp";
  const first = loadPlatform(quikapp);
  if (!first.ok) throw new Error("the reference platform does not validate");
  report(
    "QuikApp reference platform, in process",
    timeInProcess(30, () => void loadPlatform(quikapp)),
  );
  report(
    "`quikship validate examples/quikapp`, whole process",
    timeProcess(15, process.execPath, ["bin/quikship.cjs", "validate", quikapp]),
    {
      max: 150,
      of: "median",
    },
  );

  const dir = mkdtempSync(join(tmpdir(), "quikship-bench-"));
  try {
    const file = join(dir, "quikship.yaml");
    writeFileSync(file, generatedPlatform(1000, 12));
    const loaded = loadPlatform(file);
    if (!loaded.ok) throw new Error(`the generated platform does not validate: ${loaded.errors[0]?.message}`);
    report(
      "1,000 services × 12 environments, in process",
      timeInProcess(5, () => void loadPlatform(file)),
      { max: 1500, of: "median" },
    );
    report(
      "1,000 services × 12 environments, whole process",
      timeProcess(5, process.execPath, ["bin/quikship.cjs", "validate", file]),
      {
        max: 1500,
        of: "median",
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
