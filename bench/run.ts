// npm run bench [-- SECTION...]: prints the figures each capability asks for.
// Each section is imported only when it runs: a section's figures (CPU per deploy, heap, GC) must not
// carry what the others load (Chromium's driver, a registry client, the whole server).
const sections: Record<string, () => Promise<void | Promise<void>>> = {
  cli: async () => (await import("./cli.js")).benchCli(),
  config: async () => (await import("./config.js")).benchConfig(),
  engine: async () => (await import("./engine.js")).benchEngine(),
  router: async () => (await import("./router.js")).benchRouter(),
  rollback: async () => (await import("./rollback.js")).benchRollback(),
  canary: async () => (await import("./canary.js")).benchCanary(),
  status: async () => (await import("./status.js")).benchStatus(),
  dashboard: async () => (await import("./dashboard.js")).benchDashboard(),
  ci: async () => (await import("./ci.js")).benchCi(),
  render: async () => (await import("./render.js")).benchRender(),
  kubernetes: async () => (await import("./kubernetes.js")).benchKubernetes(),
  registry: async () => (await import("./registry.js")).benchRegistry(),
  ha: async () => (await import("./ha.js")).benchHa(),
};
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`unknown bench section: ${unknown.join(", ")}; the sections are ${Object.keys(sections).join(", ")}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
