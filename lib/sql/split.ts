// Splits SQL text into statements at top-level semicolons. Isomorphic (lib/): used by the server
// (one statement per run) and the editor (Ctrl+Enter runs the statement under the cursor).
// Offsets are indices into the original text, so the editor can map errors back to lines.
//
// A semicolon does not split inside: '…' strings ('' escapes a quote), E'…' escape strings
// (also \' and \\), "…" and `…` quoted names, $$…$$ and $tag$…$tag$ dollar quotes (DuckDB and
// PostgreSQL bodies of macros and functions), -- line comments and /* … */ block comments, which
// nest as in DuckDB and PostgreSQL. Our own rather than a package: dbgate-query-splitter, the
// maintained splitter on offer, sets escapes per opening quote character, so it cannot read a
// backslash as an escape in E'…' but as a plain character in '…'; and this is one small pass with
// no dependency, shared by the browser bundle and the server.
export type SqlStatement = { text: string; start: number; end: number };

export function splitStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = 0;
  let hasCode = false; // anything but whitespace and comments since `start`
  const push = (end: number) => {
    const raw = sql.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (hasCode) statements.push({ text, start: start + lead, end: start + lead + text.length });
  };
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (ch === "/" && next === "*") {
      i = skipBlockComment(sql, i);
    } else if (ch === ";") {
      push(i);
      start = i + 1;
      hasCode = false;
      i++;
    } else {
      if (!/\s/.test(ch)) hasCode = true;
      if (ch === "'" || ch === '"' || ch === "`") i = skipQuoted(sql, i, ch, false);
      else if ((ch === "E" || ch === "e") && next === "'" && !isWordChar(sql[i - 1])) i = skipQuoted(sql, i + 1, "'", true);
      else if (ch === "$" && !isWordChar(sql[i - 1])) i = skipDollarQuoted(sql, i);
      else i++;
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

/** The index after the closing quote (or the end of the text, for an unclosed one). */
function skipQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    if (backslashEscapes && sql[j] === "\\") j += 2;
    else if (sql[j] === quote) {
      if (sql[j + 1] !== quote) return j + 1;
      j += 2; // doubled quote escapes itself
    } else j++;
  }
  return sql.length;
}

/** `/* … *\/`, where each inner `/*` needs its own `*\/`. */
function skipBlockComment(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql[j] === "/" && sql[j + 1] === "*") {
      depth++;
      j += 2;
    } else if (sql[j] === "*" && sql[j + 1] === "/") {
      j += 2;
      if (--depth === 0) return j;
    } else j++;
  }
  return sql.length;
}

// A dollar quote's tag is empty or a name that does not start with a digit ($1 is a parameter).
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

function skipDollarQuoted(sql: string, i: number): number {
  DOLLAR_TAG.lastIndex = i;
  const tag = DOLLAR_TAG.exec(sql)?.[0];
  if (!tag) return i + 1;
  const close = sql.indexOf(tag, i + tag.length);
  return close === -1 ? sql.length : close + tag.length;
}

/** Letters, digits, `_` and `$` continue a name: `a$b$`, `date'…'` and `some_e'…'` are no quotes. */
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(ch);
}
