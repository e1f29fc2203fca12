// Writes one batch of crawled tables of one schema, in one transaction: new datasets with their
// columns, changed ones (columns upserted so stewards' column descriptions survive, schema
// history rows for what changed), and a "seen in this run" mark on unchanged ones. Set-based SQL
// (unnest of arrays), so a batch of hundreds of tables costs a handful of statements.
import { randomBytes } from "node:crypto";
import type { ColumnInfo, TableInfo } from "../engines/query-engine";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { datasetFingerprint, diffColumns, type ColumnChange } from "./schema-diff";
import { addToVocabulary, refreshSearchDocuments, searchDocumentSql } from "./search-document";

export type CrawledTable = { table: TableInfo; columns: ColumnInfo[] };
export type BatchScope = { runId: string; engineId: string; catalog: string; schema: string };
export type BatchResult = { added: number; changed: number; unchanged: number };

type Existing = { id: string; name: string; columns_hash: string; removed_at: Date | null };
type HistoryRow = { datasetId: string; change: string; columnName: string | null; oldType: string | null; newType: string | null };

export async function applyCrawlBatch(client: Db, scope: BatchScope, tables: CrawledTable[]): Promise<BatchResult> {
  if (tables.length === 0) return { added: 0, changed: 0, unchanged: 0 };
  // A big batch on a slow database may take a while; it holds no engine calls, only writes.
  return client.$transaction((tx) => writeBatch(tx, scope, tables), { timeout: 300_000, maxWait: 120_000 });
}

async function writeBatch(tx: Prisma.TransactionClient, scope: BatchScope, tables: CrawledTable[]): Promise<BatchResult> {
  const { runId, engineId, catalog, schema } = scope;
  const existing = await tx.$queryRaw<Existing[]>`
    SELECT id, name, columns_hash, removed_at FROM catalog_datasets
    WHERE engine_id = ${engineId} AND catalog = ${catalog} AND schema = ${schema} AND name = ANY(${tables.map((t) => t.table.name)}::text[])`;
  const byName = new Map(existing.map((row) => [row.name, row]));

  const added: (CrawledTable & { id: string; hash: string })[] = [];
  const changed: (CrawledTable & { id: string; hash: string; restored: boolean })[] = [];
  const unchanged: string[] = [];
  for (const crawled of tables) {
    const hash = datasetFingerprint(crawled.table, crawled.columns);
    const row = byName.get(crawled.table.name);
    if (!row) added.push({ ...crawled, id: timeOrderedUuid(), hash });
    else if (row.columns_hash !== hash || row.removed_at) changed.push({ ...crawled, id: row.id, hash, restored: row.removed_at !== null });
    else unchanged.push(row.id);
  }

  const history: HistoryRow[] = [];
  if (added.length) {
    await insertDatasets(tx, scope, added);
    await upsertColumns(tx, added, "new");
    for (const d of added) history.push({ datasetId: d.id, change: "dataset_added", columnName: null, oldType: null, newType: null });
  }
  if (changed.length) {
    const stored = await tx.$queryRaw<{ dataset_id: string; name: string; type: string }[]>`
      SELECT dataset_id, name, type FROM catalog_columns WHERE dataset_id = ANY(${changed.map((d) => d.id)}::uuid[])`;
    const columnsOf = new Map<string, { name: string; type: string }[]>();
    for (const c of stored) {
      const list = columnsOf.get(c.dataset_id);
      if (list) list.push(c);
      else columnsOf.set(c.dataset_id, [c]);
    }
    const schemaChanged = new Set<string>();
    const removedColumns: { id: string; name: string }[] = [];
    for (const d of changed) {
      const diff: ColumnChange[] = diffColumns(columnsOf.get(d.id) ?? [], d.columns);
      if (d.restored) history.push({ datasetId: d.id, change: "dataset_restored", columnName: null, oldType: null, newType: null });
      if (diff.length) schemaChanged.add(d.id);
      for (const c of diff) {
        history.push({ datasetId: d.id, ...c });
        if (c.change === "column_removed") removedColumns.push({ id: d.id, name: c.columnName });
      }
    }
    await updateDatasets(tx, runId, changed, schemaChanged);
    if (removedColumns.length) {
      await tx.$executeRaw`
        DELETE FROM catalog_columns c USING unnest(${removedColumns.map((r) => r.id)}::uuid[], ${removedColumns.map((r) => r.name)}::text[]) AS r(id, name)
        WHERE c.dataset_id = r.id AND c.name = r.name`;
    }
    await upsertColumns(tx, changed);
  }
  if (unchanged.length) {
    await tx.$executeRaw`UPDATE catalog_datasets SET last_seen_at = now(), last_crawl_run_id = ${runId}::uuid WHERE id = ANY(${unchanged}::uuid[])`;
  }
  if (history.length) {
    await tx.$executeRaw`
      INSERT INTO catalog_schema_changes (dataset_id, crawl_run_id, change, column_name, old_type, new_type)
      SELECT h.id, ${runId}::uuid, h.change, h.col, h.old, h.new
      FROM unnest(${history.map((h) => h.datasetId)}::uuid[], ${history.map((h) => h.change)}::text[], ${history.map((h) => h.columnName)}::text[],
                  ${history.map((h) => h.oldType)}::text[], ${history.map((h) => h.newType)}::text[]) AS h(id, change, col, old, new)`;
  }
  // New datasets got their search document on insert; changed ones keep stewards' words, which
  // only the stored rows have.
  await refreshSearchDocuments(
    tx,
    changed.map((d) => d.id),
  );
  if (added.length)
    await addToVocabulary(tx, [scope.schema, scope.catalog, ...added.flatMap((d) => [d.table.name, d.table.comment, ...d.columns.flatMap((c) => [c.name, c.comment])])]);
  return { added: added.length, changed: changed.length, unchanged: unchanged.length };
}

/** New datasets, with their search document computed in the same statement (one write per row). */
async function insertDatasets(tx: Prisma.TransactionClient, scope: BatchScope, rows: (CrawledTable & { id: string; hash: string })[]) {
  const document = searchDocumentSql({
    name: Prisma.sql`t.name`,
    columnNames: Prisma.sql`t.column_names`,
    labels: Prisma.sql`''`,
    text: Prisma.sql`concat_ws(' ', catalog_words(${scope.schema} || ' ' || ${scope.catalog}), t.comment, t.column_notes)`,
  });
  await tx.$executeRaw`
    INSERT INTO catalog_datasets (id, engine_id, catalog, schema, name, kind, engine_comment, columns_hash, column_count, last_crawl_run_id, search_document)
    SELECT t.id, ${scope.engineId}, ${scope.catalog}, ${scope.schema}, t.name, t.kind, t.comment, t.hash, t.n, ${scope.runId}::uuid, ${document}
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.table.name)}::text[], ${rows.map((r) => r.table.type)}::text[],
                ${rows.map((r) => r.table.comment)}::text[], ${rows.map((r) => r.hash)}::text[], ${rows.map((r) => r.columns.length)}::int[],
                ${rows.map((r) => r.columns.map((c) => c.name).join(" "))}::text[], ${rows.map((r) => r.columns.flatMap((c) => (c.comment ? [c.comment] : [])).join(" "))}::text[])
         AS t(id, name, kind, comment, hash, n, column_names, column_notes)`;
}

async function updateDatasets(tx: Prisma.TransactionClient, runId: string, rows: (CrawledTable & { id: string; hash: string })[], schemaChanged: Set<string>) {
  await tx.$executeRaw`
    UPDATE catalog_datasets d SET kind = t.kind, engine_comment = t.comment, columns_hash = t.hash, column_count = t.n,
           schema_changed_at = CASE WHEN t.schema_changed THEN now() ELSE d.schema_changed_at END,
           removed_at = NULL, last_seen_at = now(), last_crawl_run_id = ${runId}::uuid, updated_at = now()
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.table.type)}::text[], ${rows.map((r) => r.table.comment)}::text[],
                ${rows.map((r) => r.hash)}::text[], ${rows.map((r) => r.columns.length)}::int[], ${rows.map((r) => schemaChanged.has(r.id))}::boolean[])
         AS t(id, kind, comment, hash, n, schema_changed)
    WHERE d.id = t.id`;
}

/**
 * Inserts columns, or updates what the engine says about them; never touches `description`.
 * Columns of new datasets cannot conflict, and a plain insert is cheaper.
 */
async function upsertColumns(tx: Prisma.TransactionClient, rows: (CrawledTable & { id: string })[], datasets: "new" | "existing" = "existing") {
  const columns = rows.flatMap((r) => r.columns.map((c) => ({ datasetId: r.id, ...c })));
  if (columns.length === 0) return;
  const conflict =
    datasets === "new"
      ? Prisma.empty
      : Prisma.sql`ON CONFLICT (dataset_id, name) DO UPDATE
                   SET type = excluded.type, nullable = excluded.nullable, ordinal = excluded.ordinal, engine_comment = excluded.engine_comment`;
  await tx.$executeRaw`
    INSERT INTO catalog_columns (dataset_id, name, type, nullable, ordinal, engine_comment)
    SELECT * FROM unnest(${columns.map((c) => c.datasetId)}::uuid[], ${columns.map((c) => c.name)}::text[], ${columns.map((c) => c.type)}::text[],
                         ${columns.map((c) => c.nullable)}::boolean[], ${columns.map((c) => c.ordinal)}::int[], ${columns.map((c) => c.comment)}::text[])
    ${conflict}`;
}

/**
 * A UUID (version 7) that starts with the time: datasets of one crawl get neighbouring ids, so
 * the primary-key indexes of datasets and columns grow at their end instead of everywhere.
 */
export function timeOrderedUuid(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * After a complete, successful crawl: every dataset of the engine this run did not see is gone
 * (its table was dropped, or its schema or catalog). Marked, never deleted.
 */
export async function markVanishedDatasets(client: Db, engineId: string, runId: string): Promise<number> {
  return client.$executeRaw`
    WITH gone AS (
      UPDATE catalog_datasets SET removed_at = now(), updated_at = now()
      WHERE engine_id = ${engineId} AND removed_at IS NULL AND last_crawl_run_id IS DISTINCT FROM ${runId}::uuid
      RETURNING id
    )
    INSERT INTO catalog_schema_changes (dataset_id, crawl_run_id, change) SELECT id, ${runId}::uuid, 'dataset_removed' FROM gone`;
}
