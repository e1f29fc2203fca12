// DuckDB's own parse tree of a query (json_serialize_sql) → the query model. DuckDB's parser is
// the one that ran the statement, so its tree has every DuckDB form right (GROUP BY ALL, FILTER,
// QUALIFY, EXCLUDE, FROM-first, files in FROM); node-sql-parser fails on several of them
// (CREATE OR REPLACE TABLE, GROUP BY ALL, MERGE, COPY). Functions are checked against DuckDB's
// catalog of built-ins (duckdb_functions()): an unknown one (a user's macro, which may hide an
// aggregate or a table) makes the expression unknown.
import { looksLikeFile } from "../../engines/duckdb/sandbox/parse-tree";
import type { Cte, Expr, Query, SelectItem, Source } from "./query-model";

export type DuckDbFunctions = { known: ReadonlySet<string>; aggregates: ReadonlySet<string> };

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === "string");

/** The file-reading table functions whose first argument names the files. */
const FILE_FUNCTIONS = new Set([
  "read_parquet",
  "parquet_scan",
  "read_csv",
  "read_csv_auto",
  "read_json",
  "read_json_auto",
  "read_ndjson",
  "read_ndjson_auto",
  "read_json_objects",
]);

export function queryOfTree(node: unknown, functions: DuckDbFunctions): Query {
  if (!isNode(node)) return { kind: "unknown", why: "no query" };
  const ctes = ctesOf(node.cte_map, functions);
  const orderBy = ordersOf(node.modifiers, functions);
  if (node.type === "SET_OPERATION_NODE") {
    const children = node.left !== undefined ? [node.left, node.right] : list(node.children);
    if (children.length < 2) return { kind: "unknown", why: "a set operation without two sides" };
    let query = queryOfTree(children[0], functions);
    for (const child of children.slice(1)) query = { kind: "setop", ctes: [], left: query, right: queryOfTree(child, functions), orderBy: [] };
    return query.kind === "setop" ? { ...query, ctes, orderBy } : query;
  }
  if (node.type !== "SELECT_NODE") return { kind: "unknown", why: `${str(node.type) || "this kind of"} query` };
  if (list(node.group_sets).length > 1) return { kind: "unknown", why: "GROUPING SETS, ROLLUP or CUBE" };
  const items: SelectItem[] = list(node.select_list).map((e) => ({ expr: exprOf(e, functions), alias: isNode(e) && str(e.alias) ? str(e.alias) : null }));
  return {
    kind: "select",
    ctes,
    distinct: list(node.modifiers).some((m) => isNode(m) && m.type === "DISTINCT_MODIFIER"),
    items,
    from: node.from_table ? sourceOf(node.from_table, functions) : null,
    where: node.where_clause ? exprOf(node.where_clause, functions) : null,
    groupBy: list(node.group_expressions).map((e) => positionOr(e, functions)),
    groupByAll: node.aggregate_handling === "FORCE_AGGREGATES",
    having: node.having ? exprOf(node.having, functions) : null,
    qualify: node.qualify ? exprOf(node.qualify, functions) : null,
    orderBy,
  };
}

function ctesOf(map: unknown, functions: DuckDbFunctions): Cte[] {
  if (!isNode(map)) return [];
  return list(map.map).flatMap((entry) => {
    if (!isNode(entry) || !isNode(entry.value)) return [];
    const value = entry.value;
    const query = isNode(value.query) ? queryOfTree(value.query.node, functions) : ({ kind: "unknown", why: "a CTE without a query" } as const);
    return [{ name: str(entry.key), columnAliases: strings(value.aliases), query }];
  });
}

function ordersOf(modifiers: unknown, functions: DuckDbFunctions): Expr[] {
  return list(modifiers).flatMap((m) => (isNode(m) && m.type === "ORDER_MODIFIER" ? list(m.orders).map((o) => positionOr(isNode(o) ? o.expression : null, functions)) : []));
}

/** In ORDER BY and GROUP BY an integer constant is a position in the select list. */
function positionOr(e: unknown, functions: DuckDbFunctions): Expr {
  if (isNode(e) && e.class === "CONSTANT" && isNode(e.value) && isNode(e.value.type) && /INT/.test(str(e.value.type.id)) && typeof e.value.value === "number") {
    return { kind: "position", index: e.value.value };
  }
  if (isNode(e) && e.class === "POSITIONAL_REFERENCE" && typeof e.index === "number") return { kind: "position", index: e.index };
  return exprOf(e, functions);
}

function sourceOf(ref: unknown, functions: DuckDbFunctions): Source {
  if (!isNode(ref)) return { kind: "unknown", why: "no table" };
  const alias = str(ref.alias) || null;
  const columnAliases = strings(ref.column_name_alias);
  switch (ref.type) {
    case "BASE_TABLE": {
      const name = [str(ref.catalog_name), str(ref.schema_name), str(ref.table_name)].filter(Boolean);
      if (name.length === 1 && looksLikeFile(name[0]!)) return { kind: "function", name: name[0]!, files: [name[0]!], alias, args: [] };
      if (ref.at_clause) return { kind: "unknown", why: "a time-travel (AT) table" };
      return { kind: "table", name, alias, columnAliases };
    }
    case "SUBQUERY":
      return { kind: "subquery", query: isNode(ref.subquery) ? queryOfTree(ref.subquery.node, functions) : { kind: "unknown", why: "no subquery" }, alias, columnAliases };
    case "JOIN": {
      const refType = str(ref.ref_type);
      if (refType !== "REGULAR" && refType !== "CROSS" && refType !== "NATURAL") return { kind: "unknown", why: `a ${refType.toLowerCase()} join` };
      return {
        kind: "join",
        left: sourceOf(ref.left, functions),
        right: sourceOf(ref.right, functions),
        condition: ref.condition ? exprOf(ref.condition, functions) : null,
        using: strings(ref.using_columns),
        natural: refType === "NATURAL",
      };
    }
    case "TABLE_FUNCTION": {
      const fn = isNode(ref.function) ? ref.function : {};
      const name = str(fn.function_name).toLowerCase();
      if (!FILE_FUNCTIONS.has(name)) return { kind: "unknown", why: `table function ${name}` };
      const first = list(fn.children)[0];
      const files = literalPaths(first);
      return { kind: "function", name, files, alias, args: [] };
    }
    case "EXPRESSION_LIST": {
      const width = list(list(ref.values)[0]).length;
      return { kind: "values", width, alias, columnAliases: columnAliases.length ? columnAliases : Array.from({ length: width }, (_, i) => `col${i}`) };
    }
    default:
      return { kind: "unknown", why: `${str(ref.type).toLowerCase() || "this kind of"} table reference` };
  }
}

function literalPaths(node: unknown): string[] | null {
  const one = constantString(node);
  if (one !== null) return [one];
  if (isNode(node) && node.class === "FUNCTION" && node.function_name === "list_value") {
    const items = list(node.children).map(constantString);
    return items.every((p): p is string => p !== null) ? items : null;
  }
  return null;
}

function constantString(node: unknown): string | null {
  if (!isNode(node) || node.class !== "CONSTANT" || !isNode(node.value)) return null;
  const type = isNode(node.value.type) ? node.value.type.id : undefined;
  return type === "VARCHAR" && typeof node.value.value === "string" ? node.value.value : null;
}

function exprOf(e: unknown, functions: DuckDbFunctions): Expr {
  if (!isNode(e)) return { kind: "unknown", why: "no expression" };
  const ex = (x: unknown) => exprOf(x, functions);
  switch (e.class) {
    case "COLUMN_REF": {
      const names = strings(e.column_names);
      if (!names.length) return { kind: "unknown", why: "an empty column reference" };
      return { kind: "column", qualifier: names.length > 1 ? names[names.length - 2]! : null, name: names[names.length - 1]! };
    }
    case "CONSTANT":
      return { kind: "constant" };
    case "STAR": {
      if (e.columns === true || list(e.replace_list).length || list(e.rename_list).length || e.expr) return { kind: "unknown", why: "COLUMNS(…), REPLACE or RENAME in *" };
      const except = list(e.exclude_list).map((x) => (typeof x === "string" ? x : isNode(x) ? strings(x.column_names).at(-1) : undefined));
      if (except.some((x) => x === undefined)) return { kind: "unknown", why: "an EXCLUDE the portal cannot read" };
      return { kind: "star", qualifier: str(e.relation_name) || null, except: except as string[] };
    }
    case "CAST":
    case "COLLATE":
      return { kind: "op", args: [ex(e.child)] };
    case "COMPARISON":
      return { kind: "op", args: [ex(e.left), ex(e.right)] };
    case "CONJUNCTION":
    case "OPERATOR":
      return { kind: "op", args: list(e.children).map(ex) };
    case "BETWEEN":
      return { kind: "op", args: [ex(e.input), ex(e.lower), ex(e.upper)] };
    case "CASE":
      return {
        kind: "case",
        conditions: list(e.case_checks).map((c) => ex(isNode(c) ? c.when_expr : null)),
        results: [...list(e.case_checks).map((c) => ex(isNode(c) ? c.then_expr : null)), ex(e.else_expr)],
      };
    case "SUBQUERY": {
      const query = isNode(e.subquery) ? queryOfTree(e.subquery.node, functions) : ({ kind: "unknown", why: "no subquery" } as const);
      return { kind: "subquery", query, operand: e.child ? ex(e.child) : null };
    }
    case "FUNCTION": {
      if (e.is_operator === true) return { kind: "op", args: list(e.children).map(ex) };
      const name = str(e.function_name).toLowerCase();
      if (str(e.schema) || str(e.catalog) || !functions.known.has(name)) return { kind: "unknown", why: `function ${name}` };
      const orderBys = isNode(e.order_bys) ? list(e.order_bys.orders).map((o) => ex(isNode(o) ? o.expression : null)) : [];
      return {
        kind: "call",
        name,
        aggregate: functions.aggregates.has(name),
        args: [...list(e.children).map(ex), ...orderBys],
        filter: e.filter ? ex(e.filter) : null,
        window: null,
      };
    }
    case "WINDOW": {
      const name = str(e.function_name).toLowerCase();
      if (str(e.schema) || str(e.catalog) || !functions.known.has(name)) return { kind: "unknown", why: `window function ${name}` };
      const args = [...list(e.children), e.offset_expr, e.default_expr].filter((x) => x !== null && x !== undefined).map(ex);
      return {
        kind: "call",
        name,
        aggregate: functions.aggregates.has(name),
        args,
        filter: e.filter_expr ? ex(e.filter_expr) : null,
        window: { partition: list(e.partitions).map(ex), order: list(e.orders).map((o) => ex(isNode(o) ? o.expression : null)) },
      };
    }
    default:
      return { kind: "unknown", why: `${str(e.class).toLowerCase() || "an"} expression` };
  }
}
