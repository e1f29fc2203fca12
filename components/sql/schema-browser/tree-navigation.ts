// Keyboard moves in the schema tree, as the WAI-ARIA tree pattern describes them: Up/Down to the
// previous/next visible row, Right opens a closed node or goes to its first child, Left closes an
// open node or goes to its parent, Home/End to the first/last row. Pure: the panel applies them.
import { isExpandable, nodeKey, type TreeRow } from "./tree-rows";

export type TreeMove = { type: "focus" | "expand" | "collapse"; key: string } | null;

export function treeMove(rows: readonly TreeRow[], activeKey: string | null, key: string): TreeMove {
  if (rows.length === 0) return null;
  const index = Math.max(
    0,
    rows.findIndex((r) => r.key === activeKey),
  );
  const row = rows[index]!;
  const focus = (i: number): TreeMove => {
    const target = rows[Math.min(rows.length - 1, Math.max(0, i))]!;
    return { type: "focus", key: target.key };
  };
  switch (key) {
    case "ArrowDown":
      return focus(index + 1);
    case "ArrowUp":
      return focus(index - 1);
    case "Home":
      return focus(0);
    case "End":
      return focus(rows.length - 1);
    case "ArrowRight":
      if (!isExpandable(row)) return null;
      if (!row.expanded) return { type: "expand", key: row.key };
      // Open: the first child is the next row (a status row while the children load).
      return rows[index + 1]?.parentKey === row.key ? focus(index + 1) : null;
    case "ArrowLeft":
      if (isExpandable(row) && row.expanded) return { type: "collapse", key: row.key };
      return row.parentKey ? { type: "focus", key: row.parentKey } : null;
    default:
      return null;
  }
}

/**
 * The row to treat as active: `activeKey` while it is shown, else its closest shown ancestor
 * (after a click collapsed a parent or the filter hid the row), else the first row.
 */
export function resolveActive(rows: readonly TreeRow[], activeKey: string | null): string | null {
  if (rows.length === 0) return null;
  const shown = new Set(rows.map((r) => r.key));
  if (activeKey && shown.has(activeKey)) return activeKey;
  const path = pathOfKey(activeKey);
  for (let n = path.length - 1; n > 0; n--) {
    const ancestor = nodeKey(path.slice(0, n));
    if (shown.has(ancestor)) return ancestor;
  }
  return rows[0]!.key;
}

function pathOfKey(key: string | null): string[] {
  if (!key) return [];
  // A status row's key names its parent ("status:<parent key>"); the parent comes first then.
  const nodePart = key.startsWith("status:") ? key.slice("status:".length) : key;
  try {
    const path: unknown = JSON.parse(nodePart);
    return Array.isArray(path) ? path.map(String).concat(key === nodePart ? [] : [""]) : [];
  } catch {
    return [];
  }
}
