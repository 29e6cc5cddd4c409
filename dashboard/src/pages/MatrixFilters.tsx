import { SHOW_LABELS, SHOW_MODES } from "../matrix-glance.ts";
import type { ShowMode } from "../matrix-glance.ts";

interface FiltersProps {
  stackNames: string[];
  stack: string;
  onStack: (stack: string) => void;
  show: ShowMode;
  onShow: (show: ShowMode) => void;
  search: string;
  onSearch: (search: string) => void;
}

/** The matrix's filters: a stack, which services to show, and a search by service or tag. */
export function MatrixFilters({ stackNames, stack, onStack, show, onShow, search, onSearch }: FiltersProps) {
  return (
    <>
      <label>
        Stack{" "}
        <select value={stack} onChange={(e) => onStack(e.target.value)} disabled={stackNames.length === 0}>
          <option value="">all stacks</option>
          {stackNames.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Show{" "}
        <select value={show} onChange={(e) => onShow(SHOW_MODES.find((m) => m === e.target.value) ?? "all")}>
          {SHOW_MODES.map((m) => (
            <option key={m} value={m}>
              {SHOW_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Search{" "}
        <input type="search" value={search} onChange={(e) => onSearch(e.target.value)} placeholder="service or tag" />
      </label>
    </>
  );
}
