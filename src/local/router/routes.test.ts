import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MetricsBook } from "./metrics.js";
import type { ServiceRoute } from "./routes.js";
import { compileRoute, pickRevision, pickTarget, resolve } from "./routes.js";

const book = new MetricsBook("dev");
const compile = (service: string, weights: number[], instances = 1): ServiceRoute =>
  compileRoute(
    service,
    weights.map((weight, i) => ({
      revision: i + 1,
      weight,
      targets: Array.from({ length: instances }, (_, n) => ({
        id: `r${i + 1}-${n}`,
        url: `http://127.0.0.1:${4000 + i * 10 + n}`,
      })),
    })),
    (revision) => book.of(service, revision),
  );

describe("route tables", () => {
  it("draws revisions in proportion to decimal weights and never one weighted 0", () => {
    const route = compile("api", [0.5, 99.5, 0]);
    assert.deepEqual(
      route.revisions.map((r) => r.revision),
      [1, 2],
    );
    const counts = new Map<number, number>();
    for (let i = 0; i < 100_000; i++) {
      const revision = pickRevision(route)!.revision;
      counts.set(revision, (counts.get(revision) ?? 0) + 1);
    }
    const canary = counts.get(1) ?? 0;
    assert.ok(canary > 350 && canary < 650, `${canary} of 100000 at 0.5%`);
    assert.equal(pickRevision(compile("api", [0, 0])), undefined);
  });

  it("round-robins a revision's targets, and names another one for a retry", () => {
    const revision = compile("api", [100], 3).revisions[0]!;
    const ids = Array.from({ length: 6 }, () => pickTarget(revision)!.id);
    assert.deepEqual(ids, ["r1-0", "r1-1", "r1-2", "r1-0", "r1-1", "r1-2"]);
    assert.equal(pickTarget(revision, revision.targets[2])?.id, "r1-0");
    const single = compile("api", [100], 1).revisions[0]!;
    assert.equal(pickTarget(single, single.targets[0]), undefined);
  });

  it("resolves a service by Host SERVICE.ENV.localhost, else by path prefix, which it strips", () => {
    const routes = new Map([["auth-service", compile("auth-service", [100])]]);
    const at = (host: string | undefined, url: string) => {
      const found = resolve(routes, ".dev.localhost", host, url);
      return found.found ? [found.route.service, found.path] : ["unknown", found.service];
    };
    assert.deepEqual(at("auth-service.dev.localhost:7400", "/auth-service/x"), ["auth-service", "/auth-service/x"]);
    assert.deepEqual(at("Auth-Service.DEV.localhost", "/"), ["auth-service", "/"]);
    assert.deepEqual(at("127.0.0.1:7400", "/auth-service/health?deep=1"), ["auth-service", "/health?deep=1"]);
    assert.deepEqual(at(undefined, "/auth-service"), ["auth-service", "/"]);
    assert.deepEqual(at("localhost", "/auth-service?x=1"), ["auth-service", "/?x=1"]);
    assert.deepEqual(at("billing.dev.localhost", "/auth-service/"), ["unknown", "billing"]);
    assert.deepEqual(at("auth-service.qa.localhost", "/orders/1"), ["unknown", "orders"]);
    assert.deepEqual(at("[::1]:7400", "/auth-service-x/"), ["unknown", "auth-service-x"]);
  });

  it("rejects a bad instance url with the service, revision and instance named", () => {
    assert.throws(
      () =>
        compileRoute("api", [{ revision: 2, weight: 100, targets: [{ id: "i-9", url: "not a url" }] }], (r) =>
          book.of("api", r),
        ),
      /api revision 2: instance i-9 has an invalid url "not a url"/,
    );
  });
});
