import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fieldValues, printPath, toFieldsV1, fromFieldsV1 } from "./fieldset.js";
import { KubeDouble } from "./index.js";
import { restartsAfter, crashes } from "./kubelet.js";
import { jsonPatch, strategicMergePatch } from "./merge.js";
import { surgeAndUnavailable } from "./rollout.js";
import { age } from "./table.js";

describe("the pure parts of the Kubernetes API test double", () => {
  it("rounds maxSurge up and maxUnavailable down, and never lets both be 0", () => {
    assert.deepEqual(surgeAndUnavailable({ rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } }, 10), [3, 2]);
    assert.deepEqual(surgeAndUnavailable({ rollingUpdate: { maxSurge: 0, maxUnavailable: "10%" } }, 5), [0, 1]);
    assert.deepEqual(surgeAndUnavailable({ rollingUpdate: { maxSurge: 2, maxUnavailable: 0 } }, 5), [2, 0]);
  });

  it("restarts a crashing container on the kubelet's doubling back-off, capped at five minutes", () => {
    assert.deepEqual(
      [9_999, 10_000, 30_000, 70_000, 150_000, 310_000, 610_000, 910_000].map(restartsAfter),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    assert.equal(crashes("registry.local:5000/auth:v2-crash"), true);
    assert.equal(crashes("registry.local:5000/auth-crash"), false, "the tag, not the repository, decides");
  });

  it("round-trips field sets through fieldsV1 and prints paths as the API server does", () => {
    const values = fieldValues(
      { metadata: { name: "x", labels: { a: "1" } }, spec: { containers: [{ name: "app", image: "i" }] } },
      false,
    );
    const tree = toFieldsV1(values.keys());
    assert.deepEqual(tree, {
      "f:metadata": { "f:labels": { "f:a": {} } },
      "f:spec": { "f:containers": { 'k:{"name":"app"}': { ".": {}, "f:image": {}, "f:name": {} } } },
    });
    assert.deepEqual([...fromFieldsV1(tree)].sort(), [...values.keys()].sort());
    assert.equal(
      printPath('["f:spec","f:containers","k:{\\"name\\":\\"app\\"}","f:image"]'),
      '.spec.containers[name="app"].image',
    );
  });

  it("applies JSON patches and merges strategic patches' keyed lists by key", () => {
    const doc = { spec: { template: { a: 1 } }, metadata: { annotations: { x: "1" } } };
    assert.deepEqual(
      jsonPatch(doc, [
        { op: "replace", path: "/spec/template", value: { b: 2 } },
        { op: "add", path: "/metadata/labels", value: { l: "v" } },
        { op: "remove", path: "/metadata/annotations/x" },
      ]),
      { spec: { template: { b: 2 } }, metadata: { annotations: {}, labels: { l: "v" } } },
    );
    const merged = strategicMergePatch(
      {
        containers: [
          { name: "a", image: "1" },
          { name: "b", image: "1" },
        ],
      },
      { containers: [{ name: "b", image: "2" }] },
    );
    assert.deepEqual(merged, {
      containers: [
        { name: "a", image: "1" },
        { name: "b", image: "2" },
      ],
    });
  });

  it("prints ages as kubectl does", () => {
    assert.deepEqual([5_000, 150_000, 900_000, 7_200_000 * 2, 86_400_000 * 3].map(age), [
      "5s",
      "2m30s",
      "15m",
      "4h",
      "3d",
    ]);
  });

  it("answers 410 Gone to a watch from a version older than the history it keeps", async () => {
    const double = await KubeDouble.start({ watchHistory: 3 });
    try {
      for (const name of ["a", "b", "c", "d", "e"]) double.createNamespace(name);
      const res = await fetch(`${double.url}/api/v1/namespaces?watch=1&resourceVersion=1`);
      assert.equal(res.status, 410);
      const status = (await res.json()) as { reason: string; message: string };
      assert.equal(status.reason, "Expired");
      assert.match(status.message, /too old resource version: 1/);
    } finally {
      await double.close();
    }
  });
});

describe("server-side apply in the Kubernetes API test double", () => {
  it("keeps a map applied empty before and with keys now", async () => {
    const double = await KubeDouble.start({ namespaces: ["ns"] });
    try {
      const apply = (annotations: Record<string, string>): Promise<Response> =>
        fetch(`${double.url}/api/v1/namespaces/ns/configmaps/c?fieldManager=m`, {
          method: "PATCH",
          headers: { "content-type": "application/apply-patch+yaml" },
          body: JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", annotations } }),
        });
      await apply({});
      const res = await apply({ a: "1" });
      const body = (await res.json()) as { metadata: { annotations?: Record<string, string> } };
      assert.deepEqual(body.metadata.annotations, { a: "1" });
    } finally {
      await double.close();
    }
  });
});
