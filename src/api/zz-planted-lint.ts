export { runAgent } from "../local/agent/main.js";
