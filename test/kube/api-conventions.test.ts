import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { KubeConfig, Watch } from "@kubernetes/client-node";
import { KubeDouble } from "./double/index.js";
import { at, deploymentYaml, entryOf } from "./fixtures.js";
import { Kubectl } from "./kubectl.js";

let double: KubeDouble;
let kubectl: Kubectl;
const NS = "/api/v1/namespaces/quikapp-dev";

before(async () => {
  double = await KubeDouble.start({ namespaces: ["quikapp-dev"] });
  kubectl = new Kubectl(double, { dev: "quikapp-dev" });
});

after(async () => {
  kubectl.dispose();
  await double.close();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(method: string, path: string, body?: unknown, type = "application/json"): Promise<Answer> {
  const res = await fetch(`${double.url}${path}`, {
    method,
    headers: { "content-type": type },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function configMap(name: string, labels: Record<string, string>, data: Record<string, string> = {}): object {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels }, data };
}

/** The first `count` events of a watch at `path`. */
async function watchEvents(path: string, count: number): Promise<{ type: string; name: string; rv: number }[]> {
  const abort = new AbortController();
  const res = await fetch(`${double.url}${path}`, { signal: abort.signal });
  assert.equal(res.status, 200);
  const events: { type: string; name: string; rv: number }[] = [];
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk);
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      const e = JSON.parse(buffered.slice(0, nl)) as { type: string; object: unknown };
      buffered = buffered.slice(nl + 1);
      events.push({
        type: e.type,
        name: String(at(e.object, "metadata", "name")),
        rv: Number(at(e.object, "metadata", "resourceVersion")),
      });
    }
    if (events.length >= count) break;
  }
  abort.abort();
  return events;
}

describe("the Kubernetes API test double follows the API conventions", () => {
  it("raises one resourceVersion on every write, and a list carries the version it was read at", async () => {
    const a = await call("POST", `${NS}/configmaps`, configMap("a", { tier: "web" }));
    const b = await call("POST", `${NS}/configmaps`, configMap("b", { tier: "db" }));
    assert.equal(a.status, 201);
    assert.ok(Number(at(b.body, "metadata", "resourceVersion")) > Number(at(a.body, "metadata", "resourceVersion")));
    const list = await call("GET", `${NS}/configmaps`);
    assert.equal(list.body.kind, "ConfigMapList");
    assert.equal(at(list.body, "metadata", "resourceVersion"), at(b.body, "metadata", "resourceVersion"));
  });

  it("filters lists by equality and set-based label selectors", async () => {
    const names = async (selector: string): Promise<string[]> => {
      const list = await call("GET", `${NS}/configmaps?labelSelector=${encodeURIComponent(selector)}`);
      return (list.body.items as unknown[]).map((i) => String(at(i, "metadata", "name")));
    };
    assert.deepEqual(await names("tier=web"), ["a"]);
    assert.deepEqual(await names("tier!=web"), ["b"]);
    assert.deepEqual(await names("tier in (web,db)"), ["a", "b"]);
    assert.deepEqual(await names("!tier"), []);
    assert.equal(
      (await call("GET", `${NS}/configmaps?labelSelector=${encodeURIComponent("tier in web")}`)).status,
      400,
    );
  });

  it("a watch from a version sends only the later changes, in order, filtered by the selector", async () => {
    const list = await call("GET", `${NS}/configmaps`);
    const from = String(at(list.body, "metadata", "resourceVersion"));
    await call("PATCH", `${NS}/configmaps/a`, { data: { k: "1" } }, "application/merge-patch+json");
    await call("PATCH", `${NS}/configmaps/b`, { data: { k: "1" } }, "application/merge-patch+json");
    await call("DELETE", `${NS}/configmaps/a`);
    const events = await watchEvents(`${NS}/configmaps?watch=1&labelSelector=tier%3Dweb&resourceVersion=${from}`, 2);
    assert.deepEqual(
      events.map((e) => [e.type, e.name]),
      [
        ["MODIFIED", "a"],
        ["DELETED", "a"],
      ],
    );
    assert.ok(events[0] && events[1] && Number(from) < events[0].rv && events[0].rv < events[1].rv);
  });

  it("a watch without a version starts with the current objects as ADDED", async () => {
    const events = await watchEvents(`${NS}/configmaps?watch=true`, 1);
    assert.deepEqual(
      events.map((e) => [e.type, e.name]),
      [["ADDED", "b"]],
    );
  });

  it("streams to @kubernetes/client-node's Watch", async () => {
    const config = new KubeConfig();
    config.loadFromFile(kubectl.kubeconfig);
    const seen: string[] = [];
    const got = new Promise<void>((resolve) => {
      void new Watch(config)
        .watch(
          `${NS}/configmaps`,
          { resourceVersion: String(double.store.resourceVersion) },
          (type, obj) => {
            seen.push(`${type} ${String(at(obj, "metadata", "name"))}`);
            resolve();
          },
          () => {},
        )
        .then((request) => got.finally(() => request.abort()));
    });
    await double.store.watchOpened("configmaps");
    await call("POST", `${NS}/configmaps`, configMap("c", {}));
    await got;
    assert.deepEqual(seen, ["ADDED c"]);
  });

  it("refuses an update from a stale resourceVersion with 409 Conflict", async () => {
    const current = await call("GET", `${NS}/configmaps/b`);
    const stale = { ...current.body, metadata: { ...(current.body.metadata as object), resourceVersion: "1" } };
    const answer = await call("PUT", `${NS}/configmaps/b`, stale);
    assert.equal(answer.status, 409);
    assert.equal(answer.body.reason, "Conflict");
    assert.match(
      String(answer.body.message),
      /the object has been modified; please apply your changes to the latest version/,
    );
  });

  it("an update takes the fields it changes from the applier, whose next apply then conflicts with it", async () => {
    await kubectl.ok(
      ["apply", "--server-side", "--field-manager=quikship", "-f", "-"],
      deploymentYaml({ name: "db", image: "db:v1" }),
    );
    const path = "/apis/apps/v1/namespaces/quikapp-dev/deployments/db";
    await call("PATCH", `${path}?fieldManager=hotfix`, { spec: { replicas: 5 } }, "application/merge-patch+json");
    const d = await call("GET", path);
    assert.deepEqual(at(entryOf(d.body, "hotfix", "Update").fieldsV1, "f:spec", "f:replicas"), {});
    assert.equal(at(entryOf(d.body, "quikship").fieldsV1, "f:spec", "f:replicas"), undefined);
    const result = await kubectl.run(
      ["apply", "--server-side", "--field-manager=quikship", "-f", "-"],
      deploymentYaml({ name: "db", image: "db:v1" }),
    );
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /conflict with "hotfix" using apps\/v1: \.spec\.replicas/);
  });

  it("keeps spec and status apart: /status ignores the spec, the main resource ignores the status", async () => {
    const path = "/apis/apps/v1/namespaces/quikapp-dev/deployments/db";
    const d = await call("GET", path);
    await call("PATCH", path, { status: { replicas: 99 } }, "application/merge-patch+json");
    await call("PATCH", `${path}/status`, { spec: { replicas: 1 } }, "application/merge-patch+json");
    const after = await call("GET", path);
    assert.equal(at(after.body, "spec", "replicas"), 5);
    assert.equal(at(after.body, "status", "replicas"), at(d.body, "status", "replicas"));
  });

  it("answers a located Status for hostile requests and stores nothing", async () => {
    const before = double.store.resourceVersion;
    const apply = await call("PATCH", `${NS}/configmaps/x`, configMap("x", {}), "application/apply-patch+yaml");
    assert.equal(apply.status, 422);
    assert.match(String(apply.body.message), /fieldManager: Required value/);
    const unknown = await call("GET", "/apis/apps/v1/namespaces/quikapp-dev/statefulsets");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.kind, "Status");
    const wrongName = await call(
      "PATCH",
      `${NS}/configmaps/x?fieldManager=t`,
      configMap("y", {}),
      "application/apply-patch+yaml",
    );
    assert.equal(wrongName.status, 400);
    const patch = await call("PATCH", `${NS}/configmaps/b`, { data: {} }, "text/plain");
    assert.equal(patch.status, 415);
    assert.equal(double.store.resourceVersion, before);
  });

  it("deleting a Deployment deletes the ReplicaSets and Pods it owns", async () => {
    assert.ok((await kubectl.ok(["get", "pods", "-o", "name"])).includes("pod/db-"));
    await kubectl.ok(["delete", "deployment", "db"]);
    assert.equal(await kubectl.ok(["get", "replicasets,pods", "-o", "name"]), "");
  });
});
