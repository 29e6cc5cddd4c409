// The server command `npm start` runs (scripts/start.js); the README tour's test starts the same.
// --traffic 20: a synthetic user sends 20 requests a second to every service whose traffic is split
// (a canary, a blue-green preview), so analysis judges live requests without anyone sending them.
export function startArgs(extra = []) {
  return ["server", "--config", "examples/quikapp", "--local", "--traffic", "20", ...extra];
}
