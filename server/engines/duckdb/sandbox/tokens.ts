// A tokenizer for DuckDB's SQL, for the sandbox's look at statements DuckDB's own parse tree
// (json_serialize_sql) does not cover: COPY, CREATE … AS, INSERT, UPDATE, DELETE, MERGE. It knows
// every way DuckDB quotes text — '…' (with ''), E'…' (backslash escapes), $tag$…$tag$, "…"
// identifiers (with "") — and both comment forms, so a file path can hide in none of them. What
// it does not recognise it reports as "unknown", and the sandbox then refuses the statement
// rather than guess.
export type Token =
  | { type: "word"; value: string; upper: string; start: number }
  | { type: "ident"; value: string; start: number; end: number }
  | { type: "string"; value: string; start: number; end: number }
  | { type: "number"; value: string; start: number }
  | { type: "punct"; value: string; start: number }
  | { type: "unknown"; value: string; start: number };

const WORD_START = /[A-Za-z_\u0080-\uFFFF]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uFFFF]/;
const PUNCT = "(),;.[]{}:";
const OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (ch === "/" && next === "*") {
      i = skipBlockComment(sql, i);
    } else if (ch === "'") {
      const { value, end } = quoted(sql, i, "'");
      tokens.push({ type: "string", value, start: i, end });
      i = end;
    } else if ((ch === "E" || ch === "e") && next === "'") {
      const { value, end } = escapedString(sql, i + 1);
      tokens.push({ type: "string", value, start: i, end });
      i = end;
    } else if (ch === '"') {
      const { value, end } = quoted(sql, i, '"');
      tokens.push({ type: "ident", value, start: i, end });
      i = end;
    } else if (ch === "$" && /[A-Za-z_$]/.test(next ?? "")) {
      const tag = sql.slice(i).match(/^\$([A-Za-z_][A-Za-z0-9_]*)?\$/)?.[0];
      if (!tag) {
        tokens.push({ type: "unknown", value: ch, start: i }); // $1-style parameters and odd dollars
        i++;
        continue;
      }
      const close = sql.indexOf(tag, i + tag.length);
      const end = close === -1 ? sql.length : close + tag.length;
      const value = sql.slice(i + tag.length, close === -1 ? sql.length : close);
      tokens.push(close === -1 ? { type: "unknown", value, start: i } : { type: "string", value, start: i, end });
      i = end;
    } else if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql[j]!)) j++;
      const value = sql.slice(i, j);
      tokens.push({ type: "word", value, upper: value.toUpperCase(), start: i });
      i = j;
    } else if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(next ?? ""))) {
      let j = i + 1;
      while (j < sql.length && /[0-9A-Za-z_.]/.test(sql[j]!)) j++;
      tokens.push({ type: "number", value: sql.slice(i, j), start: i });
      i = j;
    } else if (PUNCT.includes(ch)) {
      tokens.push({ type: "punct", value: ch, start: i });
      i++;
    } else if (OPERATOR_CHARS.includes(ch)) {
      let j = i + 1;
      while (j < sql.length && OPERATOR_CHARS.includes(sql[j]!) && !(sql[j] === "-" && sql[j + 1] === "-") && !(sql[j] === "/" && sql[j + 1] === "*")) j++;
      tokens.push({ type: "punct", value: sql.slice(i, j), start: i });
      i = j;
    } else {
      tokens.push({ type: "unknown", value: ch, start: i });
      i++;
    }
  }
  return tokens;
}

/** '…' or "…" with the quote doubled inside; an unterminated one runs to the end. */
function quoted(sql: string, start: number, quote: string): { value: string; end: number } {
  let value = "";
  let j = start + 1;
  while (j < sql.length) {
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) {
        value += quote;
        j += 2;
        continue;
      }
      return { value, end: j + 1 };
    }
    value += sql[j];
    j++;
  }
  return { value, end: sql.length };
}

/** E'…': backslash escapes as DuckDB reads them (\n, \t, \\, \', …; others keep the character). */
function escapedString(sql: string, quoteAt: number): { value: string; end: number } {
  let value = "";
  let j = quoteAt + 1;
  const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "0": "\0" };
  while (j < sql.length) {
    const c = sql[j]!;
    if (c === "\\" && j + 1 < sql.length) {
      const e = sql[j + 1]!;
      value += escapes[e] ?? e;
      j += 2;
    } else if (c === "'") {
      if (sql[j + 1] === "'") {
        value += "'";
        j += 2;
      } else return { value, end: j + 1 };
    } else {
      value += c;
      j++;
    }
  }
  return { value, end: sql.length };
}

/** Block comments nest in DuckDB (as in PostgreSQL). */
function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let j = start;
  while (j < sql.length) {
    if (sql[j] === "/" && sql[j + 1] === "*") {
      depth++;
      j += 2;
    } else if (sql[j] === "*" && sql[j + 1] === "/") {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  return sql.length;
}

/** The word's upper-case text, or null for any other token. */
export function keyword(token: Token | undefined): string | null {
  return token?.type === "word" ? token.upper : null;
}

/** A name token (bare word or quoted identifier), compared without case as DuckDB does. */
export function nameOf(token: Token | undefined): string | null {
  if (!token) return null;
  if (token.type === "word" || token.type === "ident") return token.value.toLowerCase();
  return null;
}
