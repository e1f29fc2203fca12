// What a SELECT reaches, read from DuckDB's own parse tree (json_serialize_sql): every table
// function with its path arguments, every table name that DuckDB would read as a file (a
// "replacement scan": FROM '/some/file.csv'), and every function called. The walk visits every
// object in the tree, so subqueries, CTEs, joins, PIVOTs and set operations need no special case.

export type FileArgument = { paths: string[] } | { paths: null; reason: string };

export type TreeFacts = {
  tableFunctions: { name: string; schema: string; catalog: string; argument: FileArgument | null }[];
  /** Table names in FROM that look like files (DuckDB reads those through a replacement scan). */
  fileTables: string[];
  functions: string[];
  /** Every file name above with where DuckDB found it (byte offset in the statement, null if the tree does not say). */
  fileNames: { value: string; location: number | null }[];
};

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Characters no catalog table name needs but every file path has one of. */
export function looksLikeFile(name: string): boolean {
  return /[/\\.:~]/.test(name);
}

export function factsOfTree(tree: unknown): TreeFacts {
  const facts: TreeFacts = { tableFunctions: [], fileTables: [], functions: [], fileNames: [] };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isNode(value)) return;
    if (value.type === "TABLE_FUNCTION" && isNode(value.function)) {
      const fn = value.function;
      facts.tableFunctions.push({
        name: String(fn.function_name ?? ""),
        schema: String(fn.schema ?? ""),
        catalog: String(fn.catalog ?? ""),
        argument: firstPositional(fn.children),
      });
      facts.fileNames.push(...pathConstants(fn.children));
      // Its arguments may hold subqueries or functions of their own.
      visit(fn.children);
      return;
    }
    if (value.type === "BASE_TABLE" && !value.schema_name && !value.catalog_name) {
      const name = String(value.table_name ?? "");
      if (looksLikeFile(name)) {
        facts.fileTables.push(name);
        facts.fileNames.push({ value: name, location: locationOf(value) });
      }
    }
    if (value.type === "SHOW_REF" && typeof value.table_name === "string" && value.table_name) {
      const name = unquote(value.table_name);
      if (looksLikeFile(name)) {
        facts.fileTables.push(name);
        facts.fileNames.push({ value: name, location: null });
      }
    }
    if (value.class === "FUNCTION" && typeof value.function_name === "string" && value.is_operator !== true) facts.functions.push(value.function_name);
    for (const child of Object.values(value)) visit(child);
  };
  visit(tree);
  return facts;
}

/** The first positional argument as literal paths; named parameters look like `name = value`. */
function firstPositional(children: unknown): FileArgument | null {
  if (!Array.isArray(children)) return null;
  const positional = positionalOf(children);
  const first = positional[0];
  if (first === undefined) return null;
  const single = constantString(first);
  if (single !== null) return { paths: [single] };
  if (isNode(first) && first.class === "FUNCTION" && first.function_name === "list_value" && Array.isArray(first.children)) {
    const items = first.children.map(constantString);
    if (items.length && items.every((p): p is string => p !== null)) return { paths: items };
  }
  return { paths: null, reason: "a file path must be written out as a string literal (or a list of them), not computed" };
}

/** The literal paths of a file function's first positional argument, with their locations. */
function pathConstants(children: unknown): { value: string; location: number | null }[] {
  const first = Array.isArray(children) ? positionalOf(children)[0] : undefined;
  const nodes = isNode(first) && first.class === "FUNCTION" && first.function_name === "list_value" && Array.isArray(first.children) ? first.children : [first];
  return nodes.flatMap((node) => {
    const value = constantString(node);
    return value === null ? [] : [{ value, location: locationOf(node) }];
  });
}

function locationOf(node: unknown): number | null {
  return isNode(node) && typeof node.query_location === "number" && node.query_location >= 0 && node.query_location < 2 ** 53 ? node.query_location : null;
}

function positionalOf(children: unknown[]): unknown[] {
  return children.filter((c) => !(isNode(c) && c.class === "COMPARISON" && isNode(c.left) && c.left.class === "COLUMN_REF"));
}

function constantString(node: unknown): string | null {
  if (!isNode(node) || node.class !== "CONSTANT" || !isNode(node.value)) return null;
  const value = node.value;
  const type = isNode(value.type) ? value.type.id : undefined;
  return type === "VARCHAR" && value.is_null === false && typeof value.value === "string" ? value.value : null;
}

function unquote(name: string): string {
  const m = name.match(/^"(.*)"$/s) ?? name.match(/^'(.*)'$/s);
  return m ? m[1]!.replace(/""/g, '"').replace(/''/g, "'") : name;
}
