import assert from "node:assert/strict";
import { test } from "node:test";
import { gauge, mergeExpositions } from "./prometheus.js";

test("merging expositions declares each family once and gathers its samples", () => {
  const dev = '# HELP reqs_total Requests.\n# TYPE reqs_total counter\nreqs_total{environment="dev"} 3\n';
  const qa = '# HELP reqs_total Requests.\n# TYPE reqs_total counter\nreqs_total{environment="qa"} 5\n';
  const own = gauge("up", "Up.", [{ labels: { service: 'a"b' }, value: 1 }]);
  assert.equal(
    mergeExpositions([dev, qa, own]),
    [
      "# HELP reqs_total Requests.",
      "# TYPE reqs_total counter",
      'reqs_total{environment="dev"} 3',
      'reqs_total{environment="qa"} 5',
      "# HELP up Up.",
      "# TYPE up gauge",
      'up{service="a\\"b"} 1',
      "",
    ].join("\n"),
  );
});
