// A node:test reporter for `npm test -- --record`: each test file's time, the sum of its top-level
// tests and suites (a file runs its own tests one after another), as one JSON object by path.
export default async function* durations(source) {
  const totals = {};
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const { nesting, file, details } = event.data;
    if (nesting === 0 && file) totals[file] = (totals[file] ?? 0) + (details?.duration_ms ?? 0);
  }
  yield `${JSON.stringify(totals)}\n`;
}
