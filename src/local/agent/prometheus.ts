/**
 * Joins Prometheus text expositions (one per router, plus the agent's own) into one: a metric
 * family may be declared once only, so the samples of a family are gathered under its first
 * HELP and TYPE lines, families in the order first seen.
 */
export function mergeExpositions(texts: readonly string[]): string {
  const families = new Map<string, { head: string[]; samples: string[] }>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { head: [], samples: [] }));
    return f;
  };
  for (const text of texts) {
    let current = "";
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const meta = /^# (HELP|TYPE) (\S+)/.exec(line);
      if (meta) {
        current = meta[2]!;
        const f = family(current);
        if (!f.head.some((h) => h.startsWith(`# ${meta[1]} `))) f.head.push(line);
      } else if (!line.startsWith("#")) {
        family(current || (/^[^{\s]+/.exec(line)?.[0] ?? "")).samples.push(line);
      }
    }
  }
  return [...families.values()].map((f) => [...f.head, ...f.samples].join("\n")).join("\n") + "\n";
}

/** One gauge family: a HELP and TYPE line and a sample per label set. */
export function gauge(
  name: string,
  help: string,
  samples: { labels: Record<string, string | number>; value: number }[],
): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const s of samples) {
    const labels = Object.entries(s.labels).map(
      ([k, v]) => `${k}="${String(v).replace(/["\\\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`))}"`,
    );
    lines.push(`${name}{${labels.join(",")}} ${s.value}`);
  }
  return `${lines.join("\n")}\n`;
}
