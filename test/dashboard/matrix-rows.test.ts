import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { filterRows, moveInGrid, scrollToShow, visibleRange } from "../../dashboard/src/matrix-rows.ts";
import type { MatrixRow } from "../../dashboard/src/matrix-rows.ts";

describe("the matrix's rows and keyboard", () => {
  const at = { row: 5, col: 3 };

  it("moves the focused cell by arrows, Home/End, Ctrl+Home/End and pages, never out of the grid", () => {
    const move = (key: string, from = at, ctrl = false) => moveInGrid(from, key, ctrl, 100, 12, 15);
    assert.deepEqual(
      ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"].map((k) => move(k)),
      [
        { row: 4, col: 3 },
        { row: 6, col: 3 },
        { row: 5, col: 2 },
        { row: 5, col: 4 },
        { row: 5, col: 0 },
        { row: 5, col: 11 },
        { row: 0, col: 3 },
        { row: 20, col: 3 },
      ],
    );
    assert.deepEqual(
      [move("Home", at, true), move("End", at, true)],
      [
        { row: 0, col: 0 },
        { row: 99, col: 11 },
      ],
    );
    assert.deepEqual(
      [
        move("ArrowUp", { row: 0, col: 0 }),
        move("ArrowLeft", { row: 0, col: 0 }),
        move("ArrowRight", { row: 99, col: 11 }),
        move("PageDown", { row: 95, col: 1 }),
      ],
      [
        { row: 0, col: 0 },
        { row: 0, col: 0 },
        { row: 99, col: 11 },
        { row: 99, col: 1 },
      ],
    );
    assert.equal(move("Enter"), null, "a key that does not move leaves the cell to the button");
    assert.equal(moveInGrid(at, "ArrowDown", false, 0, 12, 15), null, "an empty grid has no cell to move to");
  });

  it("scrolls only as far as needed to show a row under the sticky header", () => {
    // 48-pixel rows, a 600-pixel viewport with a 40-pixel header: rows 0..11 fit at scrollTop 0.
    assert.equal(scrollToShow(3, 0, 600, 48, 40), 0);
    assert.equal(scrollToShow(12, 0, 600, 48, 40), 13 * 48 - 560);
    assert.equal(scrollToShow(2, 480, 600, 48, 40), 96);
  });

  it("windows the rows in view with some to spare, and filters by stack and by service or tag", () => {
    assert.deepEqual(visibleRange(1000, 4800, 600, 48, 8), { first: 92, last: 121 });
    assert.deepEqual(visibleRange(10, 0, 600, 48, 8), { first: 0, last: 10 });
    const row = (service: string, stack: string, tag: string): MatrixRow => ({
      service,
      stack,
      cells: [{ tag } as MatrixRow["cells"][number]],
    });
    const rows = [row("auth", "go", "v1.2.0"), row("cart", "node", "v2.0.0"), row("search", "go", "v2.0.1")];
    assert.deepEqual(
      filterRows(rows, "go", "").map((r) => r.service),
      ["auth", "search"],
    );
    assert.deepEqual(
      filterRows(rows, "", "V2.0").map((r) => r.service),
      ["cart", "search"],
    );
    assert.deepEqual(
      filterRows(rows, "node", "search").map((r) => r.service),
      [],
    );
  });
});
