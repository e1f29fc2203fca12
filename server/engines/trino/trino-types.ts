// Trino column types as a tree, and what the adapter does with them: name the fields of ROW values.
//
// Trino's direct protocol sends a ROW value as a positional JSON array (`[1, "x"]`); the field
// names live only in the column's type. We read them from `typeSignature` (structured, names
// unquoted: protocol.md §2 "Column"), accepting the pre-321 parameter kinds too, and fall back to
// the `type` text (`row(a integer, "b c" varchar)`) when a server sends no usable signature.
// Rows nested in rows, arrays and map values are named as well. Unnamed fields (`row(integer,
// varchar)`) become `field0`, `field1`, … by position, and a repeated name gets its position as a
// suffix, so no value is ever dropped.

export type TrinoTypeNode =
  | { kind: "row"; fields: { name: string | null; type: TrinoTypeNode }[] }
  | { kind: "array"; element: TrinoTypeNode }
  | { kind: "map"; key: TrinoTypeNode; value: TrinoTypeNode }
  | { kind: "scalar"; name: string };

/** A column as Trino sends it; `typeSignature` is optional because very old servers omit it. */
export type TrinoWireColumn = { name: string; type: string; typeSignature?: unknown };

type SignatureArgument = { kind?: unknown; value?: unknown };
type Signature = { rawType?: unknown; arguments?: unknown };

/** The type tree of one column: from its signature when it has one, else from its type text. */
export function columnTypeTree(column: TrinoWireColumn): TrinoTypeNode {
  return (column.typeSignature !== undefined ? fromSignature(column.typeSignature) : null) ?? fromTypeText(column.type);
}

/** `typeSignature` → tree, or null when it is not a shape we know (the caller falls back to the text). */
export function fromSignature(value: unknown): TrinoTypeNode | null {
  if (!value || typeof value !== "object") return null;
  const signature = value as Signature;
  if (typeof signature.rawType !== "string") return null;
  const raw = signature.rawType.toLowerCase();
  const args = Array.isArray(signature.arguments) ? (signature.arguments as SignatureArgument[]) : [];
  const typeArgument = (arg: SignatureArgument | undefined) => (arg && (arg.kind === "TYPE" || arg.kind === "TYPE_SIGNATURE") ? fromSignature(arg.value) : null);
  if (raw === "array") {
    const element = typeArgument(args[0]);
    return element ? { kind: "array", element } : null;
  }
  if (raw === "map") {
    const key = typeArgument(args[0]);
    const mapValue = typeArgument(args[1]);
    return key && mapValue ? { kind: "map", key, value: mapValue } : null;
  }
  if (raw === "row") {
    const fields: { name: string | null; type: TrinoTypeNode }[] = [];
    for (const arg of args) {
      if (arg.kind !== "NAMED_TYPE" && arg.kind !== "NAMED_TYPE_SIGNATURE") return null;
      const named = (arg.value ?? {}) as { fieldName?: { name?: unknown } | null; typeSignature?: unknown };
      const type = fromSignature(named.typeSignature);
      if (!type) return null;
      fields.push({ name: typeof named.fieldName?.name === "string" ? named.fieldName.name : null, type });
    }
    return fields.length > 0 ? { kind: "row", fields } : null;
  }
  return { kind: "scalar", name: raw };
}

/** Trino's type text → tree: `row(a integer, "b c" array(row(x double)))`, `map(varchar, row(…))`. */
export function fromTypeText(text: string): TrinoTypeNode {
  const parser = new TypeTextParser(text);
  try {
    const node = parser.type();
    return parser.atEnd() ? node : { kind: "scalar", name: text.trim().toLowerCase() };
  } catch {
    return { kind: "scalar", name: text.trim().toLowerCase() };
  }
}

class TypeTextParser {
  private at = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.blanks();
    return this.at >= this.text.length;
  }

  type(): TrinoTypeNode {
    this.blanks();
    const start = this.at;
    const word = this.word().toLowerCase();
    if (!word) throw new Error("type expected");
    this.blanks();
    if (this.text[this.at] !== "(") return this.scalarFrom(start);
    if (word === "array") {
      this.at++;
      const element = this.type();
      this.expect(")");
      return { kind: "array", element };
    }
    if (word === "map") {
      this.at++;
      const key = this.type();
      this.expect(",");
      const value = this.type();
      this.expect(")");
      return { kind: "map", key, value };
    }
    if (word === "row") {
      this.at++;
      const fields: { name: string | null; type: TrinoTypeNode }[] = [];
      for (;;) {
        fields.push(this.field());
        this.blanks();
        if (this.text[this.at] === ",") {
          this.at++;
          continue;
        }
        this.expect(")");
        return { kind: "row", fields };
      }
    }
    // decimal(10,2), varchar(3), timestamp(6) with time zone: a scalar with parameters.
    let depth = 0;
    for (; this.at < this.text.length; this.at++) {
      const c = this.text[this.at];
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) {
        this.at++;
        break;
      }
    }
    return this.scalarFrom(start);
  }

  /** `name type`, `"quoted name" type`, or an unnamed `type`. */
  private field(): { name: string | null; type: TrinoTypeNode } {
    this.blanks();
    if (this.text[this.at] === '"') {
      let name = "";
      for (this.at++; this.at < this.text.length; this.at++) {
        if (this.text[this.at] === '"') {
          if (this.text[this.at + 1] !== '"') break;
          this.at++;
        }
        name += this.text[this.at];
      }
      this.expect('"');
      return { name, type: this.type() };
    }
    const save = this.at;
    const first = this.word();
    this.blanks();
    const next = this.text[this.at];
    // A lone word before "," or ")" (or a type's own "(", or `with time zone`) is an unnamed field's type.
    if (next === "," || next === ")" || next === "(" || next === undefined || /^with(out)?\b/i.test(this.text.slice(this.at))) {
      this.at = save;
      return { name: null, type: this.type() };
    }
    return { name: first, type: this.type() };
  }

  /** The scalar from `start` to here, plus trailing words such as `with time zone`. */
  private scalarFrom(start: number): TrinoTypeNode {
    for (;;) {
      const save = this.at;
      this.blanks();
      const word = this.word();
      if (!word || !/^(with|without|time|zone|to|day|month|year|hour|minute|second|local|precision)$/i.test(word)) {
        this.at = save;
        break;
      }
    }
    return { kind: "scalar", name: this.text.slice(start, this.at).trim().toLowerCase() || "unknown" };
  }

  private word(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.at));
    if (!match) return "";
    this.at += match[0].length;
    return match[0];
  }

  private blanks(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }

  private expect(char: string): void {
    this.blanks();
    if (this.text[this.at] !== char) throw new Error(`${char} expected at ${this.at}`);
    this.at++;
  }
}

/** Turns one value of this type from Trino's positional form into named form; null: nothing to do. */
export type ValueShaper = (value: unknown) => unknown;

/** A shaper for a type that contains a ROW somewhere, or null (the value passes through untouched). */
export function rowNamingShaper(node: TrinoTypeNode): ValueShaper | null {
  switch (node.kind) {
    case "scalar":
      return null;
    case "array": {
      const element = rowNamingShaper(node.element);
      return element ? (value) => (Array.isArray(value) ? value.map(element) : value) : null;
    }
    case "map": {
      const mapValue = rowNamingShaper(node.value);
      if (!mapValue) return null;
      return (value) => (value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapValue(v)])) : value);
    }
    case "row": {
      const names = fieldNames(node.fields.map((f) => f.name));
      const shapers = node.fields.map((f) => rowNamingShaper(f.type));
      return (value) => {
        if (!Array.isArray(value)) return value;
        // Object.fromEntries defines own properties, so a field called __proto__ is just a field.
        return Object.fromEntries(
          value.map((field, i) => {
            const shaper = shapers[i];
            return [names[i] ?? `field${i}`, field === null || !shaper ? field : shaper(field)];
          }),
        );
      };
    }
  }
}

/** Field names by position: unnamed ones `field{i}`, a repeated name suffixed with its position. */
function fieldNames(names: (string | null)[]): string[] {
  const used = new Set<string>();
  return names.map((name, i) => {
    let chosen = name ?? `field${i}`;
    if (used.has(chosen)) chosen = `${chosen}_${i}`;
    used.add(chosen);
    return chosen;
  });
}

/**
 * One function for a page's rows, or null when no column holds a ROW (the common case: rows are
 * passed on as parsed, at no cost).
 */
export function rowNamingForColumns(columns: TrinoWireColumn[]): ((row: unknown[]) => unknown[]) | null {
  const shapers = columns.map((column) => rowNamingShaper(columnTypeTree(column)));
  if (shapers.every((s) => s === null)) return null;
  return (row) => row.map((value, i) => (value === null ? null : (shapers[i]?.(value) ?? value)));
}
