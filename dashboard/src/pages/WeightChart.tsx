import { chartGeometry } from "../weight-chart.ts";
import type { ChartBox, WeightPoint } from "../weight-chart.ts";

const BOX: ChartBox = { width: 640, height: 170, left: 44, bottom: 26, top: 18, right: 24 };

/**
 * The weight over time as a step chart with its axes: it holds each weight until the next change,
 * up to now (or the rollout's end); each change is marked with its weight; times are counted from
 * the first weight, and the caption lists the changes at the viewer's clock time.
 */
export function WeightChart({ timeline, until }: { timeline: WeightPoint[]; until: number }) {
  if (timeline.length === 0) return <p className="muted">No weight set yet.</p>;
  const g = chartGeometry(timeline, until, BOX);
  const text = timeline.map((p) => `${p.weight}% from ${new Date(p.at).toLocaleTimeString()}`).join(", ");
  const bottom = BOX.height - BOX.bottom;
  return (
    <figure className="weight-chart">
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        width={BOX.width}
        height={BOX.height}
        role="img"
        aria-label={`Weight of the new revision over time: ${text}`}
        data-testid="weight-chart"
      >
        <title>{`Weight over time: ${text}`}</title>
        {g.yTicks.map((t) => (
          <g key={t.label}>
            <line x1={BOX.left} x2={BOX.width - BOX.right} y1={t.y} y2={t.y} className="grid" />
            <text x={BOX.left - 6} y={t.y + 4} className="axis" textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
        {g.xTicks.map((t, i) => (
          <text key={i} x={t.x} y={bottom + 17} className="axis" textAnchor="middle" data-testid="chart-time">
            {t.label}
          </text>
        ))}
        <path d={g.area} className="weight-area" />
        <path d={g.line} className="weight-line" fill="none" />
        {g.marks.map((m, i) => (
          <g key={i} data-testid="chart-mark">
            <circle cx={m.x} cy={m.y} r={3.5} className="weight-mark" />
            <text
              x={m.x > BOX.width - BOX.right - 30 ? m.x - 5 : m.x + 5}
              y={Math.max(BOX.top - 4, m.y - 6)}
              textAnchor={m.x > BOX.width - BOX.right - 30 ? "end" : "start"}
              className="mark-label"
            >
              {m.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="muted small">{text}</figcaption>
    </figure>
  );
}
