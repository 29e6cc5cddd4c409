// npm run bench [-- SECTION...]: prints the figures each capability asks for.
import { benchCanary } from "./canary.js";
import { benchCi } from "./ci.js";
import { benchCli } from "./cli.js";
import { benchConfig } from "./config.js";
import { benchDashboard } from "./dashboard.js";
import { benchEngine } from "./engine.js";
import { benchHa } from "./ha.js";
import { benchKubernetes } from "./kubernetes.js";
import { benchRegistry } from "./registry.js";
import { benchRender } from "./render.js";
import { benchRollback } from "./rollback.js";
import { benchRouter } from "./router.js";
import { benchStatus } from "./status.js";

const sections: Record<string, () => void | Promise<void>> = {
  cli: benchCli,
  config: benchConfig,
  engine: benchEngine,
  router: benchRouter,
  rollback: benchRollback,
  canary: benchCanary,
  status: benchStatus,
  dashboard: benchDashboard,
  ci: benchCi,
  render: benchRender,
  kubernetes: benchKubernetes,
  registry: benchRegistry,
  ha: benchHa,
};
const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
