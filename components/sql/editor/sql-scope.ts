// A tolerant reading of the statement under the cursor, for autocomplete: which clause the
// cursor is in (so FROM offers tables and SELECT/WHERE/ON offer columns), and which tables,
// aliases, subqueries and CTEs are in scope there. A real parser (node-sql-parser) gives up on
// the half-written SQL people complete, so this is a scan of tokens with a frame per
// parenthesis: it never fails, it only knows less when the text is odd. Framework-free.

export type TokenKind = "word" | "quoted" | "string" | "number" | "punct";
export type Token = { kind: TokenKind; /** the name for words and quoted names (unquoted), else the text */ value: string; start: number; end: number };

/** Where the cursor is, and so what to offer. `qualifier`: the `a.b.` typed just before it. */
export type CursorContext =
  | { kind: "none" } // inside a string or a comment
  | { kind: "keyword" } // after a complete table or expression: FROM, WHERE, AS, AND …
  | { kind: "table"; qualifier: string[] } // after FROM, JOIN, INTO, UPDATE, TABLE, DESCRIBE
  | { kind: "column"; qualifier: string[] }; // SELECT, WHERE, ON, GROUP BY, ORDER BY, HAVING …

/** What a name in FROM stands for: a table of the engine, or a query of this statement (subquery or CTE body). */
export type Relation = { kind: "table"; parts: string[] } | { kind: "query"; frame: number; explicitColumns: string[] | null };

/** A name usable as a qualifier: an alias, or a table's own (last) name when it has no alias. */
export type ScopeRef = { name: string; relation: Relation };

/** One item of a select list: a named output column, or `*` / `t.*`. */
export type OutputItem = { kind: "name"; name: string } | { kind: "star"; qualifier: string | null };

export type QueryFrame = { refs: ScopeRef[]; items: OutputItem[] };

export type Cte = { name: string; relation: Extract<Relation, { kind: "query" }> };

export type ScopeAnalysis = {
  context: CursorContext;
  /** Refs visible at the cursor: its own query's first, then enclosing queries' (correlated). */
  scope: ScopeRef[];
  ctes: Cte[];
  /** Every query (subquery, CTE body) of the statement by frame id, to name their columns. */
  queries: Map<number, QueryFrame>;
};

const CLAUSES = new Set([
  "select",
  "from",
  "join",
  "on",
  "using",
  "where",
  "having",
  "qualify",
  "limit",
  "offset",
  "with",
  "set",
  "values",
  "into",
  "update",
  "table",
  "describe",
  "returning",
  "window",
]);
const TABLE_CLAUSES = new Set(["from", "join", "into", "update", "table", "describe"]);
const COLUMN_CLAUSES = new Set(["select", "on", "using", "where", "having", "qualify", "group by", "order by", "partition by", "set", "returning"]);
/** Words that end a table reference (so they are never taken for its alias). */
const NOT_ALIAS = new Set([
  ...CLAUSES,
  "as",
  "group",
  "order",
  "left",
  "right",
  "inner",
  "outer",
  "full",
  "cross",
  "natural",
  "lateral",
  "positional",
  "asof",
  "anti",
  "semi",
  "union",
  "intersect",
  "except",
  "tablesample",
  "pivot",
  "unpivot",
  "for",
  "fetch",
  "by",
]);
/** Words after which an operand (a column) is expected, not an operator. */
const EXPECTS_OPERAND = new Set([
  "and",
  "or",
  "not",
  "when",
  "then",
  "else",
  "case",
  "distinct",
  "all",
  "by",
  "in",
  "like",
  "ilike",
  "between",
  "is",
  "exists",
  "any",
  "some",
  "over",
  "filter",
  "interval",
  "cast",
  "on",
  "select",
  "where",
  "having",
  "qualify",
  "set",
  "using",
  "returning",
]);

export function tokenize(sql: string, stopAt = sql.length): { tokens: Token[]; cursorIn: "code" | "string" | "comment" } {
  const tokens: Token[] = [];
  let i = 0;
  let cursorIn: "code" | "string" | "comment" = "code";
  const mark = (from: number, to: number, where: "string" | "comment", closed: boolean) => {
    // The cursor is inside when it sits after the opening and before (or without) the closing mark.
    if (stopAt > from && (stopAt < to || (!closed && stopAt <= to))) cursorIn = where;
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      const end = nl === -1 ? sql.length : nl;
      mark(i + 1, end, "comment", false); // the end of the line is still in the comment
      i = end;
    } else if (ch === "/" && next === "*") {
      const close = sql.indexOf("*/", i + 2);
      const end = close === -1 ? sql.length : close + 2;
      mark(i + 1, close === -1 ? end : close + 1, "comment", close !== -1);
      i = end;
    } else if (ch === "'" || ch === '"' || ch === "`") {
      let j = i + 1;
      let value = "";
      let closed = false;
      while (j < sql.length) {
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) {
            value += ch;
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += sql[j];
        j++;
      }
      if (ch === "'") mark(i, j, "string", closed); // before the closing quote is inside
      tokens.push({ kind: ch === "'" ? "string" : "quoted", value: ch === "'" ? sql.slice(i, j) : value, start: i, end: j });
      i = j;
    } else if (/[A-Za-z_\u00C0-\uFFFF]/.test(ch)) {
      const m = /^[\w$\u00C0-\uFFFF]+/.exec(sql.slice(i, i + 256))!;
      tokens.push({ kind: "word", value: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
    } else if (/\d/.test(ch)) {
      const m = /^\d[\d_]*(?:\.\d*)?(?:e[+-]?\d+)?/i.exec(sql.slice(i, i + 64))!;
      tokens.push({ kind: "number", value: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
    } else {
      tokens.push({ kind: "punct", value: ch, start: i, end: i + 1 });
      i++;
    }
  }
  return { tokens, cursorIn };
}

const lower = (t: Token | undefined) => (t?.kind === "word" ? t.value.toLowerCase() : null);
const isName = (t: Token | undefined) => t?.kind === "quoted" || (t?.kind === "word" && !NOT_ALIAS.has(t.value.toLowerCase()));
const isPunct = (t: Token | undefined, value: string) => t?.kind === "punct" && t.value === value;

type Frame = { id: number; parent: number | null; clause: string | null };

/** The clause a keyword starts ("group by" is read at BY), or null. */
function clauseAt(tokens: Token[], i: number): string | null {
  const word = lower(tokens[i]);
  if (!word) return null;
  if (word === "by") {
    const before = lower(tokens[i - 1]);
    return before === "group" || before === "order" || before === "partition" ? `${before} by` : null;
  }
  if (word === "join" || word === "from") return word;
  return CLAUSES.has(word) ? word : null;
}

/**
 * Reads the statement of `sql` that holds `offset`. Tokens are frames by parenthesis: every `(`
 * opens a frame that starts in its parent's clause (a function's arguments are still in SELECT),
 * and a SELECT inside makes it a query of its own.
 */
export function analyzeScope(sql: string, offset: number): ScopeAnalysis {
  const { tokens: all, cursorIn } = tokenize(sql, offset);
  // The statement under the cursor: between the semicolons around it.
  let from = 0;
  let to = all.length;
  for (let i = 0; i < all.length; i++) {
    if (!isPunct(all[i], ";")) continue;
    if (all[i]!.end <= offset) from = i + 1;
    else {
      to = i;
      break;
    }
  }
  const tokens = all.slice(from, to);

  // Frames: one per parenthesis, with the frame of every token.
  const frames: Frame[] = [{ id: 0, parent: null, clause: null }];
  const frameOf: number[] = [];
  /** The frame each `(` opens, by token index. */
  const opened: number[] = [];
  const clauseOf: (string | null)[] = [];
  const stack = [0];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const current = frames[stack.at(-1)!]!;
    if (isPunct(token, "(")) {
      frameOf[i] = current.id;
      clauseOf[i] = current.clause;
      const frame = { id: frames.length, parent: current.id, clause: current.clause };
      frames.push(frame);
      stack.push(frame.id);
      opened[i] = frame.id;
      continue;
    }
    if (isPunct(token, ")")) {
      if (stack.length > 1) stack.pop();
      const outer = frames[stack.at(-1)!]!;
      frameOf[i] = outer.id;
      clauseOf[i] = outer.clause;
      continue;
    }
    const clause = clauseAt(tokens, i);
    if (clause) current.clause = clause;
    frameOf[i] = current.id;
    clauseOf[i] = current.clause;
  }

  const queries = new Map<number, QueryFrame>();
  const queryOf = (id: number) => {
    let q = queries.get(id);
    if (!q) queries.set(id, (q = { refs: [], items: [] }));
    return q;
  };
  const ctes: Cte[] = [];
  /** The frame opened by the `(` at index i. */
  const frameOpenedAt = (i: number) => opened[i] ?? -1;
  const closeOf = (i: number) => {
    let depth = 0;
    for (let j = i; j < tokens.length; j++) {
      if (isPunct(tokens[j], "(")) depth++;
      else if (isPunct(tokens[j], ")") && --depth === 0) return j;
    }
    return tokens.length;
  };

  for (let i = 0; i < tokens.length; i++) {
    const word = lower(tokens[i]);
    const frame = frameOf[i]!;
    if (word === "select") queryOf(frame).items = selectItems(tokens, i + 1);
    // Known before the FROMs that name them (a CTE is defined before it is used).
    if (word === "with") readCtes(tokens, i + 1, ctes, frameOpenedAt, closeOf);
    // A table reference starts after FROM / JOIN / a comma in FROM (and after INTO, UPDATE, …).
    const startsRef = word === "from" || word === "join" || word === "update" || word === "into" || (isPunct(tokens[i], ",") && (clauseOf[i] === "from" || clauseOf[i] === "join"));
    if (!startsRef) continue;
    let j = i + 1;
    if (lower(tokens[j]) === "lateral") j++;
    if (isPunct(tokens[j], "(")) {
      const inner = frameOpenedAt(j);
      const close = closeOf(j);
      const alias = aliasAt(tokens, close + 1);
      if (alias && inner >= 0) queryOf(frame).refs.push({ name: alias.name, relation: { kind: "query", frame: inner, explicitColumns: alias.columns } });
      continue;
    }
    const parts: string[] = [];
    while (tokens[j] && (tokens[j]!.kind === "word" || tokens[j]!.kind === "quoted")) {
      parts.push(tokens[j]!.value);
      if (!isPunct(tokens[j + 1], ".")) break;
      j += 2;
    }
    if (!parts.length || (parts.length === 1 && NOT_ALIAS.has(parts[0]!.toLowerCase()) && tokens[j]?.kind === "word")) continue;
    // A table function (read_parquet('…')) names no table we know.
    if (isPunct(tokens[j + 1], "(")) continue;
    const alias = aliasAt(tokens, j + 1);
    const cte = parts.length === 1 ? ctes.find((c) => same(c.name, parts[0]!)) : undefined;
    const relation: Relation = cte ? cte.relation : { kind: "table", parts };
    queryOf(frame).refs.push({ name: alias?.name ?? parts.at(-1)!, relation });
  }

  // The cursor's frame chain, innermost first, and the refs visible there.
  const cursorIndex = tokens.findIndex((t) => t.end >= offset);
  const at = cursorIndex === -1 ? tokens.length : cursorIndex;
  // The word being typed (the cursor inside or right after it) is not part of the context.
  const typing = tokens[at] && tokens[at]!.start < offset && (tokens[at]!.kind === "word" || tokens[at]!.kind === "quoted") ? at : -1;
  const before = typing >= 0 ? at - 1 : tokens[at] && tokens[at]!.start < offset ? at : at - 1;
  let cursorFrame = 0;
  if (before >= 0) cursorFrame = isPunct(tokens[before], "(") ? frameOpenedAt(before) : frameOf[before]!;
  if (cursorFrame < 0) cursorFrame = frames.length - 1;
  const scope: ScopeRef[] = [];
  for (let f: number | null = cursorFrame; f !== null; f = frames[f]!.parent) scope.push(...(queries.get(f)?.refs ?? []));

  if (cursorIn !== "code") return { context: { kind: "none" }, scope, ctes, queries };
  // The clause in force right before the cursor (a `(` starts in its parent's clause).
  const clause = before >= 0 ? (clauseOf[before] ?? null) : null;
  return { context: cursorContext(tokens, before, clause, clauseOf), scope, ctes, queries };
}

/** `[AS] alias [(col, …)]` at i, or null. */
function aliasAt(tokens: Token[], i: number): { name: string; columns: string[] | null } | null {
  let j = i;
  if (lower(tokens[j]) === "as") j++;
  if (!isName(tokens[j])) return null;
  const name = tokens[j]!.value;
  if (!isPunct(tokens[j + 1], "(")) return { name, columns: null };
  return { name, columns: nameList(tokens, j + 2) };
}

/** `a, b, c )` from i → ["a", "b", "c"]. */
function nameList(tokens: Token[], i: number): string[] {
  const names: string[] = [];
  for (let j = i; j < tokens.length && !isPunct(tokens[j], ")"); j++) {
    if (tokens[j]!.kind === "word" || tokens[j]!.kind === "quoted") names.push(tokens[j]!.value);
  }
  return names;
}

/** `name [(cols)] AS [NOT] [MATERIALIZED] ( body ) [, …]` after WITH [RECURSIVE]; returns the index after the last. */
function readCtes(tokens: Token[], i: number, ctes: Cte[], frameOpenedAt: (i: number) => number, closeOf: (i: number) => number): number {
  let j = i;
  if (lower(tokens[j]) === "recursive") j++;
  for (;;) {
    const name = tokens[j];
    if (!name || (name.kind !== "word" && name.kind !== "quoted")) return j;
    j++;
    let explicitColumns: string[] | null = null;
    if (isPunct(tokens[j], "(")) {
      explicitColumns = nameList(tokens, j + 1);
      j = closeOf(j) + 1;
    }
    if (lower(tokens[j]) !== "as") return j;
    j++;
    while (lower(tokens[j]) === "not" || lower(tokens[j]) === "materialized") j++;
    if (!isPunct(tokens[j], "(")) return j;
    const frame = frameOpenedAt(j);
    j = closeOf(j) + 1;
    if (frame >= 0) ctes.push({ name: name.value, relation: { kind: "query", frame, explicitColumns } });
    if (!isPunct(tokens[j], ",")) return j;
    j++;
  }
}

/** The output columns of the select list starting at i, up to its FROM (or the end of its parenthesis). */
function selectItems(tokens: Token[], i: number): OutputItem[] {
  const items: OutputItem[] = [];
  let item: Token[] = [];
  const flush = () => {
    const named = outputItem(item);
    if (named) items.push(named);
    item = [];
  };
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const token = tokens[j]!;
    if (isPunct(token, "(")) depth++;
    else if (isPunct(token, ")") && depth-- === 0) break;
    if (depth > 0 || isPunct(token, "(") || isPunct(token, ")")) {
      item.push(token);
      continue;
    }
    if (SELECT_LIST_ENDS.has(lower(token) ?? "")) break;
    if (isPunct(token, ",")) flush();
    else item.push(token);
  }
  flush();
  return items;
}

const SELECT_LIST_ENDS = new Set(["from", "where", "group", "order", "limit", "having", "qualify", "window", "union", "intersect", "except", "into"]);

/** The name an engine gives a select item: its alias, or a plain column's own name; null when the engine makes one up. */
function outputItem(item: Token[]): OutputItem | null {
  const last = item.at(-1);
  if (!last) return null;
  if (isPunct(last, "*")) {
    if (item.length === 1) return { kind: "star", qualifier: null };
    return isPunct(item.at(-2), ".") && item.length === 3 ? { kind: "star", qualifier: item[0]!.value } : null;
  }
  if (last.kind !== "word" && last.kind !== "quoted") return null;
  if (item.length === 1) return { kind: "name", name: last.value };
  // `t.col` (qualified, nothing else): the column's own name; `x + t.col` has a made-up one.
  if (isPunct(item.at(-2), ".")) {
    const plain = item.every((t, k) => (k % 2 === 0 ? t.kind === "word" || t.kind === "quoted" : isPunct(t, ".")));
    return plain ? { kind: "name", name: last.value } : null;
  }
  // `expr AS alias` or `expr alias`.
  return { kind: "name", name: last.value };
}

function cursorContext(tokens: Token[], before: number, clause: string | null, clauseOf: (string | null)[]): CursorContext {
  // `a.b.` right before the cursor.
  const qualifier: string[] = [];
  let k = before;
  while (isPunct(tokens[k], ".") && tokens[k - 1] && (tokens[k - 1]!.kind === "word" || tokens[k - 1]!.kind === "quoted")) {
    qualifier.unshift(tokens[k - 1]!.value);
    k -= 2;
  }
  const prev = tokens[k];
  const prevWord = lower(prev);
  if (!prev) return { kind: "keyword" };
  if (clause !== null && TABLE_CLAUSES.has(clause)) {
    const startsRef = ["from", "join", "update", "into", "table", "describe", "lateral"].includes(prevWord ?? "") || (isPunct(prev, ",") && clauseOf[k] === "from");
    if (startsRef) return { kind: "table", qualifier };
    if (qualifier.length) return { kind: "table", qualifier };
    return { kind: "keyword" };
  }
  if (clause && COLUMN_CLAUSES.has(clause)) {
    if (qualifier.length) return { kind: "column", qualifier };
    const operand =
      prev.kind === "punct"
        ? prev.value !== ")" && prev.value !== "*"
          ? true
          : prev.value === "*" && !isOperandEnd(tokens[k - 1]) // `SELECT *` is complete; `a * ` wants an operand
        : prevWord !== null && EXPECTS_OPERAND.has(prevWord);
    // `select * ` or `where x ` (a complete expression): what comes next is a keyword.
    return operand ? { kind: "column", qualifier } : { kind: "keyword" };
  }
  return qualifier.length ? { kind: "column", qualifier } : { kind: "keyword" };
}

function isOperandEnd(token: Token | undefined): boolean {
  return (
    !!token &&
    (token.kind === "number" ||
      token.kind === "string" ||
      token.kind === "quoted" ||
      isPunct(token, ")") ||
      (token.kind === "word" && !EXPECTS_OPERAND.has(token.value.toLowerCase()) && !CLAUSES.has(token.value.toLowerCase())))
  );
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
