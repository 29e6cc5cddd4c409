/**
 * A generated monorepo for the CI bench: `services` services and a shared library, each with a
 * package.json (so turbo reads the same workspace), `files` files, `commits` commits, written in
 * one `git fast-import` stream and repacked.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface BenchRepo {
  dir: string;
  services: string[];
}

function platform(services: string[]): string {
  const lines = [
    "version: 1",
    "name: bench",
    "registry: { server: registry.example }",
    "ci:",
    '  sharedPaths: ["libs/shared/**"]',
    "stacks:",
  ];
  lines.push("  node: { dockerfile: docker/node/Dockerfile }", "services:");
  for (const s of services) lines.push(`  ${s}: { stack: node, paths: ["services/${s}/**"] }`);
  lines.push("environments:", "  dev: { tier: nonprod, triggers: [{ branch: main }] }");
  lines.push(
    "tags:",
    "  rules:",
    "    - { strategy: auto, branch: main, tag: latest }",
    '    - { strategy: commit, tag: "{sha}" }',
  );
  return `${lines.join("\n")}\n`;
}

function lockfile(services: string[]): string {
  const packages: Record<string, unknown> = {
    "": { name: "bench", workspaces: ["services/*", "libs/*"] },
    "libs/shared": { name: "shared", version: "1.0.0" },
    "node_modules/shared": { resolved: "libs/shared", link: true },
  };
  for (const s of services) {
    packages[`services/${s}`] = { name: s, version: "1.0.0", dependencies: { shared: "1.0.0" } };
    packages[`node_modules/${s}`] = { resolved: `services/${s}`, link: true };
  }
  return JSON.stringify({ name: "bench", lockfileVersion: 3, requires: true, packages }, null, 2);
}

export function generateRepo(serviceCount: number, fileCount: number, commitCount: number): BenchRepo {
  const dir = mkdtempSync(join(tmpdir(), "quikship-bench-ci-"));
  const services = Array.from({ length: serviceCount }, (_, i) => `service-${i}`);
  const base: Record<string, string> = {
    "quikship.yaml": platform(services),
    "package.json": JSON.stringify({
      name: "bench",
      private: true,
      workspaces: ["services/*", "libs/*"],
      packageManager: "npm@10.8.2",
    }),
    "package-lock.json": lockfile(services),
    "turbo.json": JSON.stringify({ tasks: { build: {} } }),
    "libs/shared/package.json": JSON.stringify({ name: "shared", version: "1.0.0" }),
    "docker/node/Dockerfile": "FROM scratch\n",
  };
  for (const s of services)
    base[`services/${s}/package.json`] = JSON.stringify({
      name: s,
      version: "1.0.0",
      dependencies: { shared: "1.0.0" },
    });
  const owners = ["libs/shared", ...services.map((s) => `services/${s}`)];
  for (let i = Object.keys(base).length; i < fileCount; i++) {
    base[`${owners[i % owners.length]}/src/m${i % 17}/f${i}.ts`] = `export const v${i} = ${i};\n`;
  }
  const paths = Object.keys(base).filter((p) => p.includes("/src/"));
  const chunks: string[] = [];
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const commit = (n: number, changes: [string, string][]): void => {
    chunks.push("commit refs/heads/main\n", `mark :${n + 1}\n`);
    chunks.push(`committer Bench <bench@example.com> ${1_700_000_000 + n * 60} +0000\n`, data(`commit ${n}`));
    if (n > 0) chunks.push(`from :${n}\n`);
    for (const [path, content] of changes) chunks.push(`M 100644 inline ${path}\n`, data(content));
  };
  commit(0, Object.entries(base));
  // A deterministic walk: each commit edits one to three files of the tree.
  let seed = 7;
  const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
  for (let n = 1; n < commitCount; n++) {
    const edits = 1 + (next() % 3);
    commit(
      n,
      Array.from({ length: edits }, () => [paths[next() % paths.length]!, `// edit ${n}\n`]),
    );
  }
  execFileSync("git", ["init", "-q", "-b", "main", dir]);
  execFileSync("git", ["fast-import", "--quiet"], { cwd: dir, input: chunks.join("") });
  // fast-import writes a quick pack, not a good one (git-fast-import(1), "Packfile optimization"):
  // its deltas made reading the trees of HEAD~50 five times slower than in a clone. Repacked as a
  // server packs for a clone, so git, quikship and turbo read what CI reads.
  execFileSync("git", ["repack", "-a", "-d", "-f", "-q"], { cwd: dir });
  execFileSync("git", ["checkout", "-q", "-f", "main"], { cwd: dir });
  writeFileSync(join(dir, ".git", "info", "exclude"), ".turbo\nnode_modules\n");
  return { dir, services };
}
