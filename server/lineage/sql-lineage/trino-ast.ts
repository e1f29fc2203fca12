// A writing Trino statement, parsed by node-sql-parser (server/sql/parser.ts, the one loader),
// → the query model. No Trino parser runs in Node, and node-sql-parser's Trino dialect already
// classifies the workbench's Trino statements (server/sql/classify.ts); its PostgreSQL dialect
// is the fallback for forms the Trino one lacks (CREATE TABLE … AS). MERGE and COPY do not
// parse there: Trino's MERGE gets no lineage of its own (Trino's event listener reports it).
// Functions: node-sql-parser marks the aggregates it knows (aggr_func); others are taken as
// scalar unless Trino lists them as aggregates (below).
import { sqlParserInstance as parser } from "../../sql/parser";
import type { Cte, Expr, Query, SelectItem, Source, TableName, WriteStatement } from "./query-model";

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Trino's aggregate functions (https://trino.io/docs/current/functions/aggregate.html) that node-sql-parser may parse as plain calls. */
const TRINO_AGGREGATES = new Set(
  "any_value arbitrary array_agg avg bool_and bool_or checksum count count_if every geometric_mean listagg max max_by min min_by sum map_agg map_union multimap_agg approx_distinct approx_most_frequent approx_percentile approx_set merge numeric_histogram qdigest_agg tdigest_agg histogram corr covar_pop covar_samp kurtosis regr_intercept regr_slope skewness stddev stddev_pop stddev_samp variance var_pop var_samp bitwise_and_agg bitwise_or_agg reduce_agg".split(
    " ",
  ),
);

export function trinoWriteStatement(sql: string): WriteStatement | null {
  for (const database of ["trino", "postgresql"]) {
    let ast: unknown;
    try {
      ast = parser.astify(sql, { database });
    } catch {
      continue;
    }
    const node = Array.isArray(ast) ? (ast.length === 1 ? ast[0] : null) : ast;
    if (!isNode(node)) return null;
    return statementOf(node);
  }
  return null;
}

const base = { targetColumns: [], byName: false, filesRead: [], filesWritten: [], tablesRead: [], otherQueries: [] };

function statementOf(node: Node): WriteStatement | null {
  if (node.type === "create" && node.keyword === "table" && isNode(node.query_expr)) {
    const target = tableNameOf(list(node.table)[0]);
    return target ? { ...base, verb: "CREATE TABLE AS", target, query: queryOf(node.query_expr) } : null;
  }
  if (node.type === "create" && node.keyword === "view" && isNode(node.select) && isNode(node.view)) {
    const target = tableNameOf({ db: node.view.db, schema: node.view.schema, table: node.view.view });
    const targetColumns = list(node.columns)
      .map(columnName)
      .filter((c): c is string => c !== null);
    return target ? { ...base, verb: "CREATE VIEW", target, targetColumns, query: queryOf(node.select) } : null;
  }
  if (node.type === "insert" && isNode(node.values) && node.values.type === "select") {
    const target = tableNameOf(list(node.table)[0]);
    const targetColumns = list(node.columns)
      .map(columnName)
      .filter((c): c is string => c !== null);
    return target ? { ...base, verb: "INSERT", target, targetColumns, query: queryOf(node.values) } : null;
  }
  return null;
}

function tableNameOf(t: unknown): TableName | null {
  if (!isNode(t) || typeof t.table !== "string") return null;
  const db = typeof t.db === "string" ? t.db : null;
  const schema = typeof t.schema === "string" ? t.schema : null;
  return schema && db ? [db, schema, t.table] : db ? [db, t.table] : [t.table];
}

function columnName(c: unknown): string | null {
  if (typeof c === "string") return c;
  if (isNode(c) && typeof c.value === "string") return c.value;
  if (isNode(c) && isNode(c.expr) && typeof c.expr.value === "string") return c.expr.value;
  return null;
}

function queryOf(node: unknown): Query {
  if (!isNode(node) || node.type !== "select") return { kind: "unknown", why: "this kind of query" };
  const ctes: Cte[] = list(node.with).flatMap((w) =>
    isNode(w) && isNode(w.stmt)
      ? [
          {
            name: columnName(w.name) ?? "",
            columnAliases: list(w.columns)
              .map(columnName)
              .filter((c): c is string => c !== null),
            query: queryOf(isNode(w.stmt.ast) ? w.stmt.ast : w.stmt),
          },
        ]
      : [],
  );
  if (node._next) {
    // node-sql-parser chains set operations; the last part's ORDER BY belongs to the whole.
    const parts: Node[] = [];
    for (let n: unknown = node; isNode(n); n = n._next) parts.push(n);
    const orderBy = list(parts.at(-1)!.orderby).map((o) => positionOr(isNode(o) ? o.expr : null));
    const queries = parts.map((p, i) => selectOf({ ...p, with: null, _next: null, ...(i === parts.length - 1 ? { orderby: null } : {}) }, []));
    let query: Query = queries[0]!;
    for (const q of queries.slice(1)) query = { kind: "setop", ctes: [], left: query, right: q, orderBy: [] };
    return query.kind === "setop" ? { ...query, ctes, orderBy } : query;
  }
  return selectOf(node, ctes);
}

function selectOf(node: Node, ctes: Cte[]): Query {
  const columns = node.columns === "*" ? [{ expr: { type: "column_ref", column: "*" } }] : list(node.columns);
  const items: SelectItem[] = columns.map((c) => ({ expr: exprOf(isNode(c) ? c.expr : null), alias: isNode(c) ? columnName(c.as) : null }));
  const groupBy = isNode(node.groupby) ? list(node.groupby.columns) : list(node.groupby);
  return {
    kind: "select",
    ctes,
    distinct: isNode(node.distinct) && node.distinct.type === "DISTINCT",
    items,
    from: fromOf(list(node.from)),
    where: node.where ? exprOf(node.where) : null,
    groupBy: groupBy.map(positionOr),
    groupByAll: false,
    having: node.having ? exprOf(node.having) : null,
    qualify: null,
    orderBy: list(node.orderby).map((o) => positionOr(isNode(o) ? o.expr : null)),
  };
}

function fromOf(items: unknown[]): Source | null {
  let source: Source | null = null;
  for (const item of items) {
    if (!isNode(item)) return { kind: "unknown", why: "a FROM item" };
    const one = oneSource(item);
    if (!source) {
      source = one;
      continue;
    }
    const join = typeof item.join === "string" ? item.join.toUpperCase() : "CROSS JOIN";
    const using = list(item.using)
      .map(columnName)
      .filter((c): c is string => c !== null);
    source = { kind: "join", left: source, right: one, condition: item.on ? exprOf(item.on) : null, using, natural: join.includes("NATURAL") };
  }
  return source;
}

function oneSource(item: Node): Source {
  const alias = columnName(item.as);
  if (typeof item.table === "string") return { kind: "table", name: tableNameOf(item)!, alias, columnAliases: [] };
  if (isNode(item.expr) && isNode(item.expr.ast)) return { kind: "subquery", query: queryOf(item.expr.ast), alias, columnAliases: [] };
  return { kind: "unknown", why: "a FROM item the portal cannot read" };
}

function positionOr(e: unknown): Expr {
  if (isNode(e) && e.type === "number" && typeof e.value === "number") return { kind: "position", index: e.value };
  return exprOf(e);
}

const CONSTANTS = new Set(["number", "string", "single_quote_string", "bool", "null", "boolean", "interval", "date", "timestamp", "time"]);

function exprOf(e: unknown): Expr {
  if (!isNode(e)) return { kind: "unknown", why: "no expression" };
  const type = String(e.type ?? "");
  if (CONSTANTS.has(type)) return { kind: "constant" };
  switch (type) {
    case "column_ref": {
      const qualifier = typeof e.table === "string" ? e.table : isNode(e.table) ? columnName(e.table) : null;
      const name = columnName(e.column);
      if (name === "*") return { kind: "star", qualifier, except: [] };
      return name ? { kind: "column", qualifier, name } : { kind: "unknown", why: "a column reference" };
    }
    case "star":
      return { kind: "star", qualifier: null, except: [] };
    case "binary_expr":
      return { kind: "op", args: [exprOf(e.left), exprOf(e.right)] };
    case "unary_expr":
    case "cast":
      return { kind: "op", args: [exprOf(e.expr)] };
    case "expr_list":
      return { kind: "op", args: list(e.value).map(exprOf) };
    case "case": {
      const args = list(e.args).filter(isNode);
      return {
        kind: "case",
        conditions: [...(e.expr ? [exprOf(e.expr)] : []), ...args.filter((a) => a.type === "when").map((a) => exprOf(a.cond))],
        results: args.map((a) => exprOf(a.result)),
      };
    }
    case "aggr_func":
    case "function": {
      const name = functionName(e.name);
      if (!name) return { kind: "unknown", why: "a function the portal cannot name" };
      const argNode = isNode(e.args) ? e.args : null;
      const args = type === "aggr_func" ? (argNode ? [exprOf(argNode.expr)] : []) : list(argNode?.value).map(exprOf);
      const spec = isNode(e.over) && isNode(e.over.as_window_specification) ? e.over.as_window_specification.window_specification : null;
      if (e.over && !isNode(spec)) return { kind: "unknown", why: "a named window" };
      const window = isNode(spec)
        ? { partition: list(spec.partitionby).map((p) => exprOf(isNode(p) ? p.expr : null)), order: list(spec.orderby).map((o) => exprOf(isNode(o) ? o.expr : null)) }
        : null;
      return { kind: "call", name, aggregate: type === "aggr_func" || TRINO_AGGREGATES.has(name), args, filter: null, window };
    }
    default:
      if (isNode(e.ast)) return { kind: "subquery", query: queryOf(e.ast), operand: null };
      return { kind: "unknown", why: `${type || "an"} expression` };
  }
}

function functionName(name: unknown): string | null {
  if (typeof name === "string") return name.toLowerCase();
  if (isNode(name) && Array.isArray(name.name)) {
    const parts = name.name.map(columnName);
    return parts.length === 1 && parts[0] ? parts[0].toLowerCase() : null;
  }
  return null;
}
