// Splits SQL text into statements at top-level semicolons, honouring quotes ('…', "…", `…`),
// line comments (--) and block comments (/* … */). Isomorphic (lib/): used by the server (one
// statement per run) and the editor (Ctrl+Enter runs the statement under the cursor). Offsets
// are indices into the original text, so the editor can map errors back to lines.
export type SqlStatement = { text: string; start: number; end: number };

export function splitStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const raw = sql.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text && !isOnlyComments(text)) statements.push({ text, start: start + lead, end: start + lead + text.length });
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "'" || ch === '"' || ch === "`") {
      i = skipQuoted(sql, i, ch);
    } else if (ch === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (ch === "/" && next === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close === -1 ? sql.length : close + 2;
    } else if (ch === ";") {
      push(i);
      start = i + 1;
      i++;
    } else {
      i++;
    }
  }
  push(sql.length);
  return statements;
}

/** The statement containing `offset` (or the one just before it, when the cursor sits after a `;`). */
export function statementAt(sql: string, offset: number): SqlStatement | null {
  const statements = splitStatements(sql);
  if (!statements.length) return null;
  const inside = statements.find((s) => offset >= s.start && offset <= s.end);
  if (inside) return inside;
  const before = statements.filter((s) => s.end <= offset).at(-1);
  return before ?? statements[0]!;
}

function skipQuoted(sql: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === quote) {
      if (sql[j + 1] === quote)
        j += 2; // doubled quote escapes itself
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

function isOnlyComments(text: string): boolean {
  return (
    text
      .replace(/--[^\n]*(\n|$)/g, "")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .trim() === ""
  );
}
