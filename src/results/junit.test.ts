import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseJunit } from "./junit.js";
import { parseXml } from "./xml.js";

// As Maven Surefire 3 writes TEST-*.xml: one <testsuite> root with properties and system-out.
const SUREFIRE = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd" version="3.0" name="com.quikapp.auth.TokenServiceTest" time="0.412" tests="4" errors="1" skipped="1" failures="1">
  <properties>
    <property name="java.version" value="21.0.2"/>
  </properties>
  <testcase name="issuesToken" classname="com.quikapp.auth.TokenServiceTest" time="0.101"/>
  <testcase name="refusesExpired" classname="com.quikapp.auth.TokenServiceTest" time="0.052">
    <failure message="expected: &lt;401&gt; but was: &lt;200&gt;" type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: expected: <401> but was: <200>
	at com.quikapp.auth.TokenServiceTest.refusesExpired(TokenServiceTest.java:42)]]></failure>
    <system-out><![CDATA[2026-12-05 10:00:00 INFO token refused]]></system-out>
  </testcase>
  <testcase name="talksToRedis" classname="com.quikapp.auth.TokenServiceTest" time="0.2">
    <error message="Connection refused" type="java.net.ConnectException">java.net.ConnectException: Connection refused</error>
  </testcase>
  <testcase name="rotatesKeys" classname="com.quikapp.auth.TokenServiceTest" time="0">
    <skipped message="disabled until KMS lands"/>
  </testcase>
</testsuite>
`;

// As jest-junit writes junit.xml: a <testsuites> root, a suite per test file.
const JEST = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests" tests="3" failures="1" errors="0" time="1.234">
  <testsuite name="presence" errors="0" failures="1" skipped="0" timestamp="2026-12-05T10:00:00" time="1.1" tests="2">
    <testcase classname="presence marks a user online" name="presence marks a user online" time="0.004">
    </testcase>
    <testcase classname="presence expires after 30 s" name="presence expires after 30 s" time="0.01">
      <failure>Error: expect(received).toBe(expected) // Object.is equality

Expected: false
Received: true
    at Object.&lt;anonymous&gt; (/app/src/presence.test.ts:20:5)</failure>
    </testcase>
  </testsuite>
  <testsuite name="health" errors="0" failures="0" skipped="0" timestamp="2026-12-05T10:00:01" time="0.134" tests="1">
    <testcase classname="health answers ok" name="health answers ok" time="0.002"/>
  </testsuite>
</testsuites>
`;

// As pytest --junitxml writes it: <testsuites> around one <testsuite name="pytest">.
const PYTEST = `<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="0" failures="1" skipped="1" tests="3" time="0.051" timestamp="2026-12-05T10:00:00.000000+00:00" hostname="ci"><testcase classname="tests.test_analytics" name="test_rollup" time="0.001" /><testcase classname="tests.test_analytics" name="test_window" time="0.002"><failure message="assert 3 == 4">def test_window():
&gt;       assert 3 == 4
E       assert 3 == 4

tests/test_analytics.py:7: AssertionError</failure></testcase><testcase classname="tests.test_analytics" name="test_gpu" time="0.000"><skipped type="pytest.skip" message="no GPU">tests/test_analytics.py:10: no GPU</skipped></testcase></testsuite></testsuites>`;

describe("JUnit XML reports", () => {
  it("counts a Maven Surefire report's tests, failures, errors and skips, with the failures' messages", () => {
    const r = parseJunit(SUREFIRE);
    assert.deepEqual([r.tests, r.passed, r.failures, r.errors, r.skipped, r.timeMs], [4, 1, 1, 1, 1, 412]);
    assert.deepEqual(r.failed, [
      {
        suite: "com.quikapp.auth.TokenServiceTest",
        name: "refusesExpired",
        kind: "failure",
        message: "expected: <401> but was: <200>",
      },
      {
        suite: "com.quikapp.auth.TokenServiceTest",
        name: "talksToRedis",
        kind: "error",
        message: "Connection refused",
      },
    ]);
  });

  it("adds up jest-junit's suites and takes a failure's first line when it has no message", () => {
    const r = parseJunit(JEST);
    assert.deepEqual([r.tests, r.passed, r.failures, r.errors, r.skipped, r.timeMs], [3, 2, 1, 0, 0, 1234]);
    assert.equal(r.failed[0]?.name, "presence expires after 30 s");
    assert.equal(r.failed[0]?.message, "Error: expect(received).toBe(expected) // Object.is equality");
  });

  it("reads pytest's report written on one line", () => {
    const r = parseJunit(PYTEST);
    assert.deepEqual([r.tests, r.passed, r.failures, r.skipped], [3, 1, 1, 1]);
    assert.deepEqual(r.failed[0], {
      suite: "tests.test_analytics",
      name: "test_window",
      kind: "failure",
      message: "assert 3 == 4",
    });
  });

  it("keeps at most 20 failures but counts them all", () => {
    const cases = Array.from(
      { length: 30 },
      (_, i) => `<testcase name="t${i}"><failure message="no ${i}"/></testcase>`,
    );
    const r = parseJunit(`<testsuite name="s">${cases.join("")}</testsuite>`);
    assert.equal(r.failures, 30);
    assert.equal(r.failed.length, 20);
  });

  it("takes a suite's counts from its attributes when it lists no test cases", () => {
    const r = parseJunit(
      '<testsuites><testsuite name="s" tests="5" failures="2" errors="0" skipped="1"/></testsuites>',
    );
    assert.deepEqual([r.tests, r.passed, r.failures, r.skipped], [5, 2, 2, 1]);
  });

  it("refuses what is not a JUnit report, or not well-formed XML, naming the line", () => {
    assert.throws(() => parseJunit("<html><body/></html>"), /the root element is <html>/);
    assert.throws(
      () => parseJunit('<testsuite name="s">\n<testcase name="a">\n</testsuite>'),
      /line 3: <\/testsuite> closes <testcase>/,
    );
    assert.throws(() => parseJunit('<testsuite name="s">'), /<testsuite> is not closed/);
    assert.throws(() => parseJunit("<testsuite>&nbsp;</testsuite>"), /unknown entity &nbsp;/);
    assert.throws(() => parseJunit("<testsuite/><testsuite/>"), /content after the root element/);
  });

  it("never expands a DOCTYPE's entities", () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x "boom">]><testsuite name="&#x41;&amp;B"/>';
    assert.deepEqual(parseXml(xml).attributes, { name: "A&B" });
  });
});
