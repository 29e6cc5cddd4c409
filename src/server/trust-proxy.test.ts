import assert from "node:assert/strict";
import { it } from "node:test";
import { parseTrustProxy } from "./trust-proxy.js";

it("reads addresses, ranges and named ranges, comma separated", () => {
  assert.deepEqual(parseTrustProxy(undefined), []);
  assert.deepEqual(parseTrustProxy(" "), []);
  assert.deepEqual(parseTrustProxy("loopback, 10.0.0.0/8,fd00::/8,192.0.2.7"), [
    "loopback",
    "10.0.0.0/8",
    "fd00::/8",
    "192.0.2.7",
  ]);
});

it("refuses what is not an address or a range, naming the entry and where it came from", () => {
  for (const bad of ["true", "*", "10.0.0.0/33", "::1/129", "10.0.0/8", "proxy.internal", "10.0.0.1,", "1.2.3.4/x"]) {
    assert.throws(
      () => parseTrustProxy(bad, "$QUIKSHIP_TRUST_PROXY"),
      (error: Error) => {
        assert.match(error.message, /^\$QUIKSHIP_TRUST_PROXY: ".*" is not an IP address/);
        return true;
      },
    );
  }
});
