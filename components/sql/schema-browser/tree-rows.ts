// The schema tree as the flat list of rows the panel renders (and virtualizes): catalogs →
// schemas → tables → columns, in the order shown, with what each row needs for ARIA (level,
// position among its siblings) and a status row where a level is loading, failed or empty.
// Framework-free: the panel passes what TanStack Query has loaded so far.

export type TableEntry = { name: string; type: "TABLE" | "VIEW"; comment: string | null };
export type ColumnEntry = { name: string; type: string; comment: string | null };

/** One level's children as loaded so far. */
export type Loaded<T> = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; items: readonly T[] };

/** [catalog], [catalog, schema], [catalog, schema, table] or [catalog, schema, table, column]. */
export type NodePath = readonly string[];

/** What has been loaded, each map keyed by the parent's nodeKey. A missing entry: not requested. */
export type TreeData = {
  catalogs: Loaded<string>;
  schemas: ReadonlyMap<string, Loaded<string>>;
  tables: ReadonlyMap<string, Loaded<TableEntry>>;
  columns: ReadonlyMap<string, Loaded<ColumnEntry>>;
};

type RowBase = {
  key: string;
  path: NodePath;
  /** aria-level: 1 for catalogs … 4 for columns. */
  level: number;
  parentKey: string | null;
  posInSet: number;
  setSize: number;
};

export type TreeRow =
  | (RowBase & { kind: "catalog" | "schema"; name: string; expanded: boolean })
  | (RowBase & { kind: "table"; name: string; expanded: boolean; table: TableEntry })
  | (RowBase & { kind: "column"; name: string; column: ColumnEntry })
  | (RowBase & { kind: "status"; status: "loading" | "error" | "empty"; message: string });

export type NodeRow = Exclude<TreeRow, { kind: "status" }>;

/** Names may hold dots and quotes; JSON keeps every path distinct. */
export function nodeKey(path: NodePath): string {
  return JSON.stringify(path);
}

export function statusKey(parentKey: string | null): string {
  return `status:${parentKey ?? "root"}`;
}

export function isExpandable(row: TreeRow): row is Extract<TreeRow, { expanded: boolean }> {
  return row.kind === "catalog" || row.kind === "schema" || row.kind === "table";
}

/** Case-insensitive "contains"; an empty query matches everything. */
export function matchesFilter(name: string, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || name.toLowerCase().includes(q);
}

const LOADING = { catalogs: "Loading catalogs…", schemas: "Loading schemas…", tables: "Loading tables…", columns: "Loading columns…" };
const EMPTY = { catalogs: "No catalogs", schemas: "No schemas in this catalog", tables: "No tables in this schema", columns: "No columns in this table" };

/**
 * Rows of the expanded part of the tree. With a filter, a schema lists the tables whose name
 * matches or that have a loaded column that matches; an expanded table lists all its columns when
 * its own name matches, else only the matching ones. Catalogs and schemas are not filtered: they
 * are the way to the tables. `alsoShow`: tables (by nodeKey) the catalog's search found for the
 * filter by other means (a description, a tag), shown too.
 */
export function flattenTree(data: TreeData, expanded: ReadonlySet<string>, filter = "", alsoShow: ReadonlySet<string> = NO_KEYS): TreeRow[] {
  const rows: TreeRow[] = [];
  const query = filter.trim();

  const status = <T>(loaded: Loaded<T> | undefined, level: number, parent: NodePath, kind: keyof typeof EMPTY, emptyText = EMPTY[kind]): readonly T[] | null => {
    const parentKey = parent.length ? nodeKey(parent) : null;
    const base = { key: statusKey(parentKey), path: parent, level, parentKey, posInSet: 1, setSize: 1, kind: "status" as const };
    if (!loaded || loaded.status === "loading") rows.push({ ...base, status: "loading", message: LOADING[kind] });
    else if (loaded.status === "error") rows.push({ ...base, status: "error", message: loaded.message });
    else if (loaded.items.length === 0) rows.push({ ...base, status: "empty", message: emptyText });
    else return loaded.items;
    return null;
  };

  const catalogs = status(data.catalogs, 1, [], "catalogs");
  catalogs?.forEach((catalog, i) => {
    const catalogPath = [catalog];
    const catalogKey = nodeKey(catalogPath);
    const catalogOpen = expanded.has(catalogKey);
    rows.push({ key: catalogKey, path: catalogPath, level: 1, parentKey: null, posInSet: i + 1, setSize: catalogs.length, kind: "catalog", name: catalog, expanded: catalogOpen });
    if (!catalogOpen) return;

    const schemas = status(data.schemas.get(catalogKey), 2, catalogPath, "schemas");
    schemas?.forEach((schema, j) => {
      const schemaPath = [catalog, schema];
      const schemaKey = nodeKey(schemaPath);
      const schemaOpen = expanded.has(schemaKey);
      rows.push({
        key: schemaKey,
        path: schemaPath,
        level: 2,
        parentKey: catalogKey,
        posInSet: j + 1,
        setSize: schemas.length,
        kind: "schema",
        name: schema,
        expanded: schemaOpen,
      });
      if (!schemaOpen) return;

      const loadedTables = data.tables.get(schemaKey);
      const columnsOf = (table: string) => data.columns.get(nodeKey([...schemaPath, table]));
      const shownTables =
        loadedTables?.status === "ready" && query
          ? {
              status: "ready" as const,
              items: loadedTables.items.filter((t) => matchesFilter(t.name, query) || anyColumnMatches(columnsOf(t.name), query) || alsoShow.has(nodeKey([...schemaPath, t.name]))),
            }
          : loadedTables;
      const noMatch = query ? `No tables or columns match “${query}”` : undefined;
      const tables = status(shownTables, 3, schemaPath, "tables", noMatch);
      tables?.forEach((table, k) => {
        const tablePath = [catalog, schema, table.name];
        const tableKey = nodeKey(tablePath);
        const tableOpen = expanded.has(tableKey);
        rows.push({
          key: tableKey,
          path: tablePath,
          level: 3,
          parentKey: schemaKey,
          posInSet: k + 1,
          setSize: tables.length,
          kind: "table",
          name: table.name,
          expanded: tableOpen,
          table,
        });
        if (!tableOpen) return;

        const loadedColumns = columnsOf(table.name);
        const shownColumns =
          loadedColumns?.status === "ready" && !matchesFilter(table.name, query)
            ? { status: "ready" as const, items: loadedColumns.items.filter((c) => matchesFilter(c.name, query)) }
            : loadedColumns;
        const columns = status(shownColumns, 4, tablePath, "columns");
        columns?.forEach((column, m) => {
          const columnPath = [...tablePath, column.name];
          rows.push({
            key: nodeKey(columnPath),
            path: columnPath,
            level: 4,
            parentKey: tableKey,
            posInSet: m + 1,
            setSize: columns.length,
            kind: "column",
            name: column.name,
            column,
          });
        });
      });
    });
  });
  return rows;
}

const NO_KEYS: ReadonlySet<string> = new Set();

function anyColumnMatches(columns: Loaded<ColumnEntry> | undefined, query: string): boolean {
  return columns?.status === "ready" && columns.items.some((c) => matchesFilter(c.name, query));
}
