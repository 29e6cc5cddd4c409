import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_PROMETHEUS_QUERIES } from "../../config/schema/analysis.js";
import { InputError } from "../../errors.js";
import { checkTemplates, escapePromqlString, fillTemplate, unknownPlaceholders } from "./promql.js";

const values = { environment: "live", service: "auth-service", revision: "12" };

describe("PromQL templates", () => {
  it("fills the environment, service and revision into the default requests query", () => {
    assert.equal(
      fillTemplate(DEFAULT_PROMETHEUS_QUERIES.requests, values),
      'sum(quikship_router_requests_total{environment="live",service="auth-service",revision="12"})',
    );
  });

  it("fills a placeholder wherever it appears, as often as it appears", () => {
    assert.equal(
      fillTemplate('a{x="{service}"} / b{y=~"{service}|{revision}"}', values),
      'a{x="auth-service"} / b{y=~"auth-service|12"}',
    );
  });

  it("escapes backslashes, double quotes and line breaks for a double-quoted string", () => {
    assert.equal(escapePromqlString('a\\b"c\nd\re'), 'a\\\\b\\"c\\nd\\re');
    assert.equal(
      fillTemplate('m{environment="{environment}"}', { ...values, environment: 'we"ird\\env' }),
      'm{environment="we\\"ird\\\\env"}',
    );
  });

  it("leaves PromQL braces alone: selectors, empty matchers and grouping", () => {
    const template = 'sum by (le) (rate(x_bucket{job="a",revision="{revision}"}[5m])) or vector(0) or y{}';
    assert.equal(
      fillTemplate(template, values),
      'sum by (le) (rate(x_bucket{job="a",revision="12"}[5m])) or vector(0) or y{}',
    );
    assert.deepEqual(unknownPlaceholders(template), []);
  });

  it("finds placeholders it does not know", () => {
    assert.deepEqual(unknownPlaceholders('x{ns="{namespace}",svc="{servce}",env="{environment}"}'), [
      "namespace",
      "servce",
    ]);
  });

  it("refuses a template with an unknown placeholder, naming the setting and the known ones", () => {
    assert.throws(
      () => checkTemplates({ ...DEFAULT_PROMETHEUS_QUERIES, errors: 'sum(e{svc="{servce}"})' }),
      (error: unknown) =>
        error instanceof InputError &&
        error.message ===
          'analysis.provider.queries.errors: unknown placeholder {servce} in sum(e{svc="{servce}"}) (known: {environment}, {service}, {revision})',
    );
    assert.doesNotThrow(() => checkTemplates(DEFAULT_PROMETHEUS_QUERIES));
  });
});
