// A node:test reporter for `npm test -- --record`: each test file's wall time, as one JSON object
// by path. The runner completes each file as a test named by the file's own path.
export default async function* durations(source) {
  const totals = {};
  for await (const event of source) {
    if (event.type !== "test:complete") continue;
    const { nesting, name, file, details } = event.data;
    if (nesting === 0 && file && name === file) totals[file] = details?.duration_ms ?? 0;
  }
  yield `${JSON.stringify(totals)}\n`;
}
