// Query parameters: `{{name}}` in the SQL stands for a value typed above the editor. Before a run
// each one is replaced by a SQL literal, never by raw text: a text value becomes a quoted string
// ('it''s'), a number must be a plain decimal number. Parameters inside strings and comments are
// left alone (the token scan skips them). Framework-free.
import { tokenize, type Token } from "../editor/sql-scope";

export type ParameterType = "text" | "number";
export type ParameterValue = { value: string; type: ParameterType };
export type ParameterValues = Readonly<Record<string, ParameterValue>>;

type Occurrence = { name: string; start: number; end: number };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const adjacent = (a: Token | undefined, b: Token | undefined, value: string) =>
  a?.kind === "punct" && b?.kind === "punct" && a.value === value && b.value === value && a.end === b.start;

function occurrences(sql: string): Occurrence[] {
  const { tokens } = tokenize(sql);
  const found: Occurrence[] = [];
  for (let i = 0; i + 4 < tokens.length; i++) {
    const name = tokens[i + 2]!;
    if (adjacent(tokens[i], tokens[i + 1], "{") && name.kind === "word" && adjacent(tokens[i + 3], tokens[i + 4], "}")) {
      found.push({ name: name.value, start: tokens[i]!.start, end: tokens[i + 4]!.end });
      i += 4;
    }
  }
  return found;
}

/** The parameters of `sql`, each once, in the order they first appear. */
export function findParameters(sql: string): string[] {
  return [...new Set(occurrences(sql).map((o) => o.name))];
}

/** A value as a SQL literal, or why it cannot be one. */
export function parameterLiteral(name: string, parameter: ParameterValue | undefined): { ok: true; literal: string } | { ok: false; message: string } {
  const value = parameter?.value ?? "";
  if (value === "") return { ok: false, message: `The parameter {{${name}}} is empty: fill it in above the editor, then run again.` };
  if (parameter?.type === "number") {
    const trimmed = value.trim();
    if (!NUMBER.test(trimmed)) return { ok: false, message: `The parameter {{${name}}} must be a number (like 42, -1.5 or 2e6); “${value}” is not.` };
    return { ok: true, literal: trimmed };
  }
  if (value.includes("\0")) return { ok: false, message: `The parameter {{${name}}} holds a NUL character, which SQL strings cannot.` };
  return { ok: true, literal: `'${value.replace(/'/g, "''")}'` };
}

/** `sql` with every parameter replaced by its literal; the first parameter that cannot be is named. */
export function bindParameters(sql: string, values: ParameterValues): { ok: true; sql: string } | { ok: false; name: string; message: string } {
  let out = "";
  let at = 0;
  for (const o of occurrences(sql)) {
    const literal = parameterLiteral(o.name, values[o.name]);
    if (!literal.ok) return { ok: false, name: o.name, message: literal.message };
    out += sql.slice(at, o.start) + literal.literal;
    at = o.end;
  }
  return { ok: true, sql: out + sql.slice(at) };
}
