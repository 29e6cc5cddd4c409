/**
 * The canary's weight over time as chart geometry, pure: a step line (each weight held until the
 * next change), the area under it, the weight axis (0–100%), a time axis from the first change to
 * the end, and a labelled mark at each change. The page draws it as SVG.
 */

export interface WeightPoint {
  at: number;
  weight: number;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the labels: left for the weights, bottom for the times. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export interface ChartGeometry {
  line: string;
  area: string;
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  marks: { x: number; y: number; label: string }[];
}

/** "+0:00", "+1:05", "+1:02:03": time since the rollout's first weight. */
export function sinceStart(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `+${h}:${two(m)}:${two(s % 60)}` : `+${m}:${two(s % 60)}`;
}

export function chartGeometry(timeline: readonly WeightPoint[], until: number, box: ChartBox): ChartGeometry {
  const start = timeline[0]!.at;
  const end = Math.max(until, timeline.at(-1)!.at, start + 1);
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const x = (at: number): number => box.left + ((at - start) / (end - start)) * plotW;
  const y = (weight: number): number => box.top + plotH - (Math.min(100, Math.max(0, weight)) / 100) * plotH;
  const f = (n: number): string => n.toFixed(1);
  let line = `M ${f(x(start))} ${f(y(timeline[0]!.weight))}`;
  for (const p of timeline.slice(1)) line += ` H ${f(x(p.at))} V ${f(y(p.weight))}`;
  line += ` H ${f(x(end))}`;
  const area = `${line} V ${f(y(0))} H ${f(x(start))} Z`;
  const yTicks = [0, 25, 50, 75, 100].map((w) => ({ y: y(w), label: `${w}%` }));
  // The start, the end, and the changes far enough from both and from each other to be read.
  const minGap = 48;
  const xTicks: { x: number; label: string }[] = [];
  for (const at of [start, ...timeline.slice(1).map((p) => p.at), end]) {
    const px = x(at);
    const last = xTicks.at(-1);
    if (last !== undefined && px - last.x < minGap) {
      if (at === end) xTicks[xTicks.length - 1] = { x: px, label: sinceStart(at - start) };
      continue;
    }
    xTicks.push({ x: px, label: sinceStart(at - start) });
  }
  const marks = timeline.map((p) => ({ x: x(p.at), y: y(p.weight), label: `${p.weight}%` }));
  return { line, area, yTicks, xTicks, marks };
}
