// Column lineage of a query (query-model.ts): which input fields each output column is computed
// from, and how, in the terms of ColumnLineageDatasetFacet 1-2-0 — DIRECT (IDENTITY,
// TRANSFORMATION, AGGREGATION) for fields whose values flow into the column, INDIRECT (FILTER,
// JOIN, GROUP_BY, SORT, WINDOW, CONDITIONAL) for fields that only decide which rows or which
// branch. Names are resolved the way the engine would (inner scope first, then the outer query
// of a correlated subquery); whenever that is not certain — an unqualified name with two
// candidates, `*` over a table whose columns are unknown, an expression the translator did not
// understand — resolution stops with Unresolvable and the caller keeps dataset-level lineage.
import type { Cte, Expr, Query, SelectItem, Source, TableName } from "./query-model";

export type Transformation = { type: "DIRECT" | "INDIRECT"; subtype: string };
/** A field of an input dataset: `datasetKey` as given by the caller's naming. */
export type FieldDependency = { datasetKey: string; field: string; transformation: Transformation };
export type ColumnResult = { name: string | null; inputs: FieldDependency[] };
export type QueryLineage = { columns: ColumnResult[]; dataset: FieldDependency[] };

/** How table names become dataset keys, and what is known of each table's columns. */
export type ResolveContext = {
  tableKey(name: TableName): string;
  fileKey(path: string): string;
  /** Column names of a dataset, or null when unknown (a file, a table the engine did not describe). */
  columnsOf(datasetKey: string): string[] | null;
};

export class Unresolvable extends Error {
  constructor(readonly why: string) {
    super(why);
    this.name = "Unresolvable";
  }
}

const SEP = "\u0000";
const DIRECT_RANK: Record<string, number> = { IDENTITY: 0, TRANSFORMATION: 1, AGGREGATION: 2 };

/** Field → the transformations through which it reaches a value. */
type Deps = Map<string, Set<string>>;
type Col = { name: string | null; deps: Deps };
type Relation = {
  alias: string | null;
  /** Known columns, or null: only qualified references (alias.column) can be resolved. */
  columns: Col[] | null;
  /** For a table or file whose columns are unknown: its key, to attribute `alias.column`. */
  datasetKey: string | null;
  /** Row-deciding dependencies inside a subquery or CTE (its WHERE, JOIN, GROUP BY…). */
  indirect: Deps;
};
type Scope = { relations: Relation[]; using: Map<string, Relation[]>; outer: Scope | null; ctes: CteScope };
type CteScope = { defs: Map<string, { cte: Cte; resolved: { columns: Col[]; indirect: Deps } | null; outer: CteScope | null }>; outer: CteScope | null };

const lower = (s: string) => s.toLowerCase();
const fieldKey = (datasetKey: string, field: string) => `${datasetKey}${SEP}${field}`;

function add(into: Deps, from: Deps, map: (t: string) => string = (t) => t): Deps {
  for (const [field, ts] of from) {
    const set = into.get(field) ?? new Set<string>();
    for (const t of ts) set.add(map(t));
    into.set(field, set);
  }
  return into;
}

/** Deps as they reach a value through a transformation of this kind (DIRECT subtypes keep the stronger). */
function through(deps: Deps, subtype: "TRANSFORMATION" | "AGGREGATION"): Deps {
  return add(new Map(), deps, (t) => {
    if (!t.startsWith("DIRECT:")) return t;
    const current = t.slice("DIRECT:".length);
    return (DIRECT_RANK[current] ?? 1) >= DIRECT_RANK[subtype]! ? t : `DIRECT:${subtype}`;
  });
}

/** Every dependency, as INDIRECT of this subtype (a filter's columns decide rows, however they made the value it tests). */
function indirectly(deps: Deps, subtype: string): Deps {
  return add(new Map(), deps, () => `INDIRECT:${subtype}`);
}

export function resolveQuery(query: Query, context: ResolveContext): QueryLineage {
  const result = resolve(query, null, { defs: new Map(), outer: null }, context);
  return { columns: result.columns.map((c) => ({ name: c.name, inputs: listOf(c.deps) })), dataset: listOf(result.indirect) };
}

function listOf(deps: Deps): FieldDependency[] {
  const list: FieldDependency[] = [];
  for (const [key, ts] of deps) {
    const [datasetKey, field] = key.split(SEP) as [string, string];
    // Of several DIRECT subtypes for one field (a column used as is and aggregated), the strongest says most.
    const direct = [...ts].filter((t) => t.startsWith("DIRECT:")).sort((a, b) => (DIRECT_RANK[b.slice(7)] ?? 1) - (DIRECT_RANK[a.slice(7)] ?? 1));
    const kept = [...(direct.length ? [direct[0]!] : []), ...[...ts].filter((t) => t.startsWith("INDIRECT:")).sort()];
    for (const t of kept) {
      const [type, subtype] = t.split(":") as ["DIRECT" | "INDIRECT", string];
      list.push({ datasetKey, field, transformation: { type, subtype } });
    }
  }
  return list;
}

function withCtes(ctes: Cte[], outer: CteScope): CteScope {
  if (!ctes.length) return outer;
  const scope: CteScope = { defs: new Map(), outer };
  for (const cte of ctes) scope.defs.set(lower(cte.name), { cte, resolved: null, outer: scope });
  return scope;
}

function resolve(query: Query, outer: Scope | null, cteScope: CteScope, context: ResolveContext): { columns: Col[]; indirect: Deps } {
  if (query.kind === "unknown") throw new Unresolvable(query.why);
  const ctes = withCtes(query.ctes, cteScope);
  if (query.kind === "setop") {
    const left = resolve(query.left, outer, ctes, context);
    const right = resolve(query.right, outer, ctes, context);
    if (left.columns.length !== right.columns.length) throw new Unresolvable("the sides of a set operation have different widths");
    const columns = left.columns.map((c, i) => ({ name: c.name, deps: add(add(new Map(), c.deps), right.columns[i]!.deps) }));
    const indirect = add(add(new Map(), left.indirect), right.indirect);
    for (const o of query.orderBy) add(indirect, indirectly(outputRef(o, columns) ?? fail("ORDER BY of a set operation names no output column"), "SORT"));
    return { columns, indirect };
  }

  const scope: Scope = { relations: [], using: new Map(), outer, ctes };
  const indirect: Deps = new Map();
  if (query.from) addSource(query.from, scope, indirect, context);

  const columns: Col[] = [];
  for (const item of query.items) {
    if (item.expr.kind === "star") {
      columns.push(...expandStar(item.expr, scope));
      continue;
    }
    const deps = evaluate(item.expr, scope, context);
    // In an aggregate query an item without an aggregate is a grouping key: its value passes through.
    columns.push({ name: item.alias ?? (item.expr.kind === "column" ? item.expr.name : null), deps });
  }

  if (query.where) add(indirect, indirectly(evaluate(query.where, scope, context, aliasesOf(query.items, columns)), "FILTER"));
  if (query.qualify) add(indirect, indirectly(evaluate(query.qualify, scope, context, aliasesOf(query.items, columns)), "FILTER"));
  if (query.having) add(indirect, indirectly(evaluate(query.having, scope, context, aliasesOf(query.items, columns)), "FILTER"));
  for (const g of query.groupBy) {
    const deps = g.kind === "position" ? (columns[g.index - 1]?.deps ?? fail("GROUP BY position out of range")) : evaluate(g, scope, context, aliasesOf(query.items, columns));
    add(indirect, indirectly(deps, "GROUP_BY"));
  }
  if (query.groupByAll) {
    query.items.forEach((item, i) => {
      if (item.expr.kind !== "star" && !hasAggregate(item.expr)) add(indirect, indirectly(columns[i]!.deps, "GROUP_BY"));
    });
  }
  for (const o of query.orderBy) {
    // ORDER BY names an output column first (its alias or position), then an input column.
    const deps = outputRef(o, columns) ?? evaluate(o, scope, context);
    add(indirect, indirectly(deps, "SORT"));
  }
  for (const r of scope.relations) add(indirect, r.indirect);
  return { columns, indirect };
}

function fail(why: string): never {
  throw new Unresolvable(why);
}

function outputRef(expr: Expr, columns: Col[]): Deps | null {
  if (expr.kind === "position") return columns[expr.index - 1]?.deps ?? fail("ORDER BY position out of range");
  if (expr.kind === "column" && expr.qualifier === null) {
    const matches = columns.filter((c) => c.name !== null && lower(c.name) === lower(expr.name));
    if (matches.length === 1) return matches[0]!.deps;
  }
  return null;
}

/** Select-list aliases, for WHERE/GROUP BY/HAVING names that match no input column (DuckDB allows them). */
function aliasesOf(items: SelectItem[], columns: Col[]): Map<string, Deps> {
  const map = new Map<string, Deps>();
  items.forEach((item, i) => {
    if (item.alias && item.expr.kind !== "star" && columns[i]) map.set(lower(item.alias), columns[i]!.deps);
  });
  return map;
}

function hasAggregate(expr: Expr): boolean {
  switch (expr.kind) {
    case "call":
      return (expr.aggregate && expr.window === null) || expr.args.some(hasAggregate);
    case "op":
      return expr.args.some(hasAggregate);
    case "case":
      return [...expr.conditions, ...expr.results].some(hasAggregate);
    default:
      return false;
  }
}

function addSource(source: Source, scope: Scope, indirect: Deps, context: ResolveContext): void {
  switch (source.kind) {
    case "unknown":
      throw new Unresolvable(source.why);
    case "table": {
      const cte = source.name.length === 1 ? findCte(source.name[0]!, scope.ctes) : null;
      if (cte) {
        const resolved = (cte.entry.resolved ??= resolveCte(cte.entry.cte, cte.entry.outer!, context));
        scope.relations.push(
          renamed({ alias: source.alias ?? cte.entry.cte.name, columns: resolved.columns, datasetKey: null, indirect: resolved.indirect }, source.columnAliases),
        );
        return;
      }
      const key = context.tableKey(source.name);
      const names = context.columnsOf(key);
      const columns = names ? names.map((name) => ({ name, deps: new Map([[fieldKey(key, name), new Set(["DIRECT:IDENTITY"])]]) })) : null;
      scope.relations.push(
        renamed({ alias: source.alias ?? source.name[source.name.length - 1]!, columns, datasetKey: columns ? null : key, indirect: new Map() }, source.columnAliases),
      );
      return;
    }
    case "subquery": {
      const resolved = resolve(source.query, null, scope.ctes, context);
      scope.relations.push(renamed({ alias: source.alias, columns: resolved.columns, datasetKey: null, indirect: resolved.indirect }, source.columnAliases));
      return;
    }
    case "values":
      scope.relations.push({ alias: source.alias, columns: source.columnAliases.map((name) => ({ name, deps: new Map() })), datasetKey: null, indirect: new Map() });
      return;
    case "function":
      if (!source.files?.length) throw new Unresolvable(`table function ${source.name} reads no file the portal can name`);
      if (source.files.length > 1) {
        // Several files under one alias: a column is in all of them, attributed to none for sure.
        for (const f of source.files) scope.relations.push({ alias: null, columns: null, datasetKey: context.fileKey(f), indirect: new Map() });
        scope.relations.push({ alias: source.alias ?? source.name, columns: null, datasetKey: null, indirect: new Map() });
        return;
      }
      scope.relations.push({ alias: source.alias ?? source.name, columns: null, datasetKey: context.fileKey(source.files[0]!), indirect: new Map() });
      return;
    case "join": {
      addSource(source.left, scope, indirect, context);
      const leftCount = scope.relations.length;
      addSource(source.right, scope, indirect, context);
      const left = scope.relations.slice(0, leftCount);
      const right = scope.relations.slice(leftCount);
      let using = source.using;
      if (source.natural) {
        if ([...left, ...right].some((r) => r.columns === null)) throw new Unresolvable("NATURAL JOIN over a table whose columns are unknown");
        const leftNames = new Set(left.flatMap((r) => r.columns!.map((c) => lower(c.name ?? ""))));
        using = [...new Set(right.flatMap((r) => r.columns!.map((c) => c.name ?? "")).filter((n) => n && leftNames.has(lower(n))))];
      }
      for (const name of using) {
        const sides = [left, right].map((side) => side.filter((r) => r.columns?.some((c) => c.name !== null && lower(c.name) === lower(name))));
        if (sides.some((s) => s.length !== 1)) throw new Unresolvable(`USING (${name}) names a column whose table is not certain`);
        const relations = [sides[0]![0]!, sides[1]![0]!];
        scope.using.set(lower(name), relations);
        for (const r of relations) add(indirect, indirectly(columnOf(r, name)!, "JOIN"));
      }
      if (source.condition) add(indirect, indirectly(evaluate(source.condition, scope, context), "JOIN"));
      return;
    }
  }
}

function renamed(relation: Relation, aliases: string[]): Relation {
  if (!aliases.length) return relation;
  if (!relation.columns) throw new Unresolvable("column aliases over a table whose columns are unknown");
  return { ...relation, columns: relation.columns.map((c, i) => ({ name: aliases[i] ?? c.name, deps: c.deps })) };
}

function findCte(name: string, scope: CteScope | null): { entry: NonNullable<ReturnType<CteScope["defs"]["get"]>> } | null {
  for (let s = scope; s; s = s.outer) {
    const entry = s.defs.get(lower(name));
    if (entry) return { entry };
  }
  return null;
}

function resolveCte(cte: Cte, scope: CteScope, context: ResolveContext): { columns: Col[]; indirect: Deps } {
  // A CTE sees the CTEs before it (and, for WITH RECURSIVE, itself: not supported, see below).
  const visible: CteScope = { defs: new Map([...scope.defs].filter(([name]) => name !== lower(cte.name))), outer: scope.outer };
  const resolved = resolve(cte.query, null, visible, context);
  if (!cte.columnAliases.length) return resolved;
  return { ...resolved, columns: resolved.columns.map((c, i) => ({ name: cte.columnAliases[i] ?? c.name, deps: c.deps })) };
}

function columnOf(relation: Relation, name: string): Deps | null {
  if (relation.columns) {
    const matches = relation.columns.filter((c) => c.name !== null && lower(c.name) === lower(name));
    if (matches.length > 1) throw new Unresolvable(`${relation.alias ?? "a subquery"} has two columns named ${name}`);
    return matches[0]?.deps ?? null;
  }
  return relation.datasetKey ? new Map([[fieldKey(relation.datasetKey, name), new Set(["DIRECT:IDENTITY"])]]) : null;
}

function lookupColumn(expr: Extract<Expr, { kind: "column" }>, scope: Scope, aliases?: Map<string, Deps>): Deps {
  for (let s: Scope | null = scope; s; s = s.outer) {
    if (expr.qualifier !== null) {
      const relations = s.relations.filter((r) => r.alias !== null && lower(r.alias) === lower(expr.qualifier!));
      if (relations.length > 1) throw new Unresolvable(`two tables are called ${expr.qualifier}`);
      if (relations.length === 1) {
        const deps = columnOf(relations[0]!, expr.name);
        if (!deps) throw new Unresolvable(`${expr.qualifier}.${expr.name} is not a column the portal knows`);
        return deps;
      }
      continue;
    }
    const using = s.using.get(lower(expr.name));
    if (using) return using.reduce((deps, r) => add(deps, columnOf(r, expr.name)!), new Map() as Deps);
    const known = s.relations.filter((r) => r.columns?.some((c) => c.name !== null && lower(c.name) === lower(expr.name)));
    if (known.length > 1) throw new Unresolvable(`${expr.name} is in more than one table`);
    // The engine ran the statement, so a name found in one known table is in no other.
    if (known.length === 1) return columnOf(known[0]!, expr.name)!;
    const unknown = s.relations.filter((r) => r.columns === null);
    if (unknown.length) {
      // Only a lone table (or file) of unknown columns, with no outer query to compete, surely holds it.
      if (s.relations.length === 1 && s.outer === null && unknown[0]!.datasetKey) return columnOf(unknown[0]!, expr.name)!;
      throw new Unresolvable(`the table of ${expr.name} is not certain (a table's columns are unknown)`);
    }
    if (s === scope && aliases?.has(lower(expr.name))) return aliases.get(lower(expr.name))!;
  }
  throw new Unresolvable(`${expr.qualifier ? `${expr.qualifier}.` : ""}${expr.name} names no column the portal knows`);
}

function expandStar(star: Extract<Expr, { kind: "star" }>, scope: Scope): Col[] {
  const relations = star.qualifier === null ? scope.relations : scope.relations.filter((r) => r.alias !== null && lower(r.alias) === lower(star.qualifier!));
  if (star.qualifier !== null && relations.length !== 1) throw new Unresolvable(`${star.qualifier}.* names no table the portal knows`);
  const except = new Set(star.except.map(lower));
  const columns: Col[] = [];
  const seenUsing = new Set<string>();
  for (const r of relations) {
    if (!r.columns) throw new Unresolvable("* over a table whose columns are unknown");
    for (const c of r.columns) {
      const name = lower(c.name ?? "");
      if (except.has(name)) continue;
      const using = star.qualifier === null ? scope.using.get(name) : undefined;
      if (using) {
        // A USING column appears once in *, from both sides.
        if (seenUsing.has(name)) continue;
        seenUsing.add(name);
        columns.push({ name: c.name, deps: using.reduce((deps, u) => add(deps, columnOf(u, c.name!)!), new Map() as Deps) });
        continue;
      }
      columns.push(c);
    }
  }
  return columns;
}

function evaluate(expr: Expr, scope: Scope, context: ResolveContext, aliases?: Map<string, Deps>): Deps {
  const ev = (e: Expr) => evaluate(e, scope, context, aliases);
  switch (expr.kind) {
    case "unknown":
      throw new Unresolvable(expr.why);
    case "constant":
      return new Map();
    case "position":
      throw new Unresolvable("a position outside ORDER BY or GROUP BY");
    case "star":
      // count(*) and the like: no field flows into the value.
      return new Map();
    case "column":
      return lookupColumn(expr, scope, aliases);
    case "op":
      return through(
        expr.args.reduce((deps, a) => add(deps, ev(a)), new Map() as Deps),
        "TRANSFORMATION",
      );
    case "case": {
      const deps: Deps = new Map();
      for (const c of expr.conditions) add(deps, indirectly(ev(c), "CONDITIONAL"));
      for (const r of expr.results) add(deps, through(ev(r), "TRANSFORMATION"));
      return deps;
    }
    case "call": {
      const args = expr.args.reduce((deps, a) => add(deps, ev(a)), new Map() as Deps);
      const deps = through(args, expr.aggregate ? "AGGREGATION" : "TRANSFORMATION");
      if (expr.filter) add(deps, indirectly(ev(expr.filter), "FILTER"));
      if (expr.window) {
        for (const p of expr.window.partition) add(deps, indirectly(ev(p), "WINDOW"));
        for (const o of expr.window.order) add(deps, indirectly(ev(o), "WINDOW"));
      }
      return deps;
    }
    case "subquery": {
      const inner = resolve(expr.query, scope, scope.ctes, context);
      const deps: Deps = new Map();
      if (expr.operand) add(deps, through(ev(expr.operand), "TRANSFORMATION"));
      for (const c of inner.columns) add(deps, through(c.deps, "TRANSFORMATION"));
      // What decides the subquery's rows decides this value (per column, not for the whole output).
      add(deps, inner.indirect);
      return deps;
    }
  }
}
