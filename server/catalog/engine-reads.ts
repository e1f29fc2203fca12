// Reading data through the engine as the signed-in user: 50 sample rows, and the statistics
// the engine offers (row count, size, last modified). On Trino the user's own access control
// applies (X-Trino-User); a refusal is shown with the engine's words.
import type { z } from "zod";
import { getEngine } from "../engines/registry";
import { EngineQueryError, type EngineColumn, type EngineRow, type QueryEngine } from "../engines/query-engine";
import { DomainError } from "../errors";
import type { CurrentUser } from "../auth/current-user";
import type { HandlerArgs } from "../handler";
import { logger } from "../logger";
import { getDatasetById } from "./datasets";
import { qualifiedName, sqlQualifiedName } from "./names";
import type { datasetIdInput, statsInput } from "./schemas";

export const SAMPLE_ROWS = 50;
const READ_TIMEOUT_MS = 30_000;
/** Statistics younger than this are served from the catalog instead of asking the engine again. */
const STATS_MAX_AGE_MS = 10 * 60_000;

type Ref = { engineId: string; catalog: string; schema: string; name: string };

async function runQuery(engine: QueryEngine, user: CurrentUser, sql: string, ref: Ref, limit: number) {
  const columns: EngineColumn[] = [];
  const rows: EngineRow[] = [];
  let truncated = false;
  for await (const event of engine.execute({
    sql,
    catalog: ref.catalog,
    schema: ref.schema,
    limit,
    user: user.email,
    role: user.role,
    signal: AbortSignal.timeout(READ_TIMEOUT_MS),
  })) {
    if (event.type === "columns") columns.push(...event.columns);
    else if (event.type === "rows") rows.push(...event.rows);
    else if (event.type === "finished") truncated = event.truncated;
  }
  return { columns, rows, truncated };
}

function engineOf(engineId: string): QueryEngine {
  try {
    return getEngine(engineId).engine;
  } catch (err) {
    if (err instanceof DomainError)
      throw new DomainError("SERVICE_UNAVAILABLE", `The engine “${engineId}” of this dataset is not configured any more, so its data cannot be read.`);
    throw err;
  }
}

export async function readSample({ ctx, input }: HandlerArgs<z.infer<typeof datasetIdInput>>) {
  const ref = await getDatasetById(ctx.db, input.datasetId);
  const engine = engineOf(ref.engineId);
  try {
    return await runQuery(engine, ctx.user, `SELECT * FROM ${sqlQualifiedName(ref)} LIMIT ${SAMPLE_ROWS}`, ref, SAMPLE_ROWS);
  } catch (err) {
    throw refusal(err, `read sample rows of ${qualifiedName(ref)}`);
  }
}

function refusal(err: unknown, what: string): DomainError {
  if (!(err instanceof EngineQueryError)) {
    if ((err as Error)?.name === "TimeoutError" || (err as Error)?.name === "AbortError") {
      return new DomainError("SERVICE_UNAVAILABLE", `The engine did not ${what} within ${READ_TIMEOUT_MS / 1000} seconds.`);
    }
    throw err;
  }
  if (err.kind === "unavailable") return new DomainError("SERVICE_UNAVAILABLE", `The engine is unavailable, so the portal could not ${what}: ${err.message}`);
  if (err.kind === "cancelled") return new DomainError("SERVICE_UNAVAILABLE", `The engine did not ${what} within ${READ_TIMEOUT_MS / 1000} seconds.`);
  if (err.details.errorName === "PERMISSION_DENIED" || /access denied|permission/i.test(err.message)) {
    return new DomainError("FORBIDDEN", `The engine does not let you ${what}: ${err.message}`);
  }
  return new DomainError("BAD_REQUEST", `The engine refused to ${what}: ${err.message}`);
}

export type DatasetStats = {
  rowCount: bigint | null;
  sizeBytes: bigint | null;
  lastModifiedAt: Date | null;
  statsAt: Date | null;
  /** What the engine does not offer, for people. */
  notes: string[];
};

/** The engine's statistics, kept on the dataset row (freshness uses lastModifiedAt). */
export async function readStats({ ctx, input }: HandlerArgs<z.infer<typeof statsInput>>): Promise<DatasetStats> {
  const { user, db: client } = ctx;
  const ref = await getDatasetById(client, input.datasetId);
  const stored = await client.catalogDataset.findUniqueOrThrow({ where: { id: ref.id }, select: { rowCount: true, sizeBytes: true, lastModifiedAt: true, statsAt: true } });
  if (!input.refresh && stored.statsAt && Date.now() - stored.statsAt.getTime() < STATS_MAX_AGE_MS) return { ...stored, notes: notesFor(ref.kind, stored) };
  const engine = engineOf(ref.engineId);
  const stats = engine.kind === "duckdb" ? await duckDbStats(engine, user, ref) : await trinoStats(engine, user, ref);
  const saved = await client.catalogDataset.update({
    where: { id: ref.id },
    data: { ...stats, statsAt: new Date() },
    select: { rowCount: true, sizeBytes: true, lastModifiedAt: true, statsAt: true },
  });
  return { ...saved, notes: notesFor(ref.kind, saved) };
}

function notesFor(kind: string, stats: Pick<DatasetStats, "rowCount" | "sizeBytes" | "lastModifiedAt">): string[] {
  const notes: string[] = [];
  if (kind === "VIEW") notes.push("Views hold no data of their own; the engine keeps no statistics for them.");
  else {
    if (stats.rowCount === null) notes.push("The engine does not report a row count for this table.");
    if (stats.sizeBytes === null) notes.push("The engine does not report the size of this table.");
    if (stats.lastModifiedAt === null) notes.push("The engine does not report when the data last changed.");
  }
  return notes;
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** DuckDB keeps an estimated row count per table; no size or modification time per table. */
async function duckDbStats(engine: QueryEngine, user: CurrentUser, ref: Ref & { kind: string }) {
  const empty = { rowCount: null, sizeBytes: null, lastModifiedAt: null };
  if (ref.kind === "VIEW") return empty;
  try {
    const { rows } = await runQuery(
      engine,
      user,
      `SELECT estimated_size FROM duckdb_tables() WHERE database_name = ${literal(ref.catalog)} AND schema_name = ${literal(ref.schema)} AND table_name = ${literal(ref.name)}`,
      ref,
      1,
    );
    const value = rows[0]?.[0];
    return { ...empty, rowCount: value === null || value === undefined ? null : BigInt(String(value)) };
  } catch (err) {
    throw refusal(err, `read the statistics of ${qualifiedName(ref)}`);
  }
}

/**
 * Trino: SHOW STATS FOR (connectors that keep statistics: Hive, Iceberg, Delta…) gives the row
 * count and per-column data sizes; Iceberg's `$snapshots` table gives the last commit time.
 * Either may be missing; what is missing stays null.
 */
async function trinoStats(engine: QueryEngine, user: CurrentUser, ref: Ref & { kind: string }) {
  const stats = { rowCount: null as bigint | null, sizeBytes: null as bigint | null, lastModifiedAt: null as Date | null };
  if (ref.kind === "VIEW") return stats;
  try {
    const { columns, rows } = await runQuery(engine, user, `SHOW STATS FOR ${sqlQualifiedName(ref)}`, ref, 10_000);
    const at = (name: string) => columns.findIndex((c) => c.name === name);
    const summary = rows.find((r) => r[at("column_name")] === null);
    const rowCount = summary?.[at("row_count")];
    if (rowCount !== null && rowCount !== undefined) stats.rowCount = BigInt(Math.round(Number(rowCount)));
    const sizes = rows.map((r) => r[at("data_size")]).filter((v) => v !== null && v !== undefined);
    if (sizes.length) stats.sizeBytes = BigInt(Math.round(sizes.reduce<number>((sum, v) => sum + Number(v), 0)));
  } catch (err) {
    if (!(err instanceof EngineQueryError) || err.kind !== "user") throw refusal(err, `read the statistics of ${qualifiedName(ref)}`);
    logger.debug({ err: err.message }, "SHOW STATS not available");
  }
  try {
    const snapshots = { ...ref, name: `${ref.name}$snapshots` };
    const { rows } = await runQuery(engine, user, `SELECT max(committed_at) FROM ${sqlQualifiedName(snapshots)}`, ref, 1);
    const value = rows[0]?.[0];
    // Trino writes e.g. "2024-05-01 12:00:00.000 UTC".
    const iso = typeof value === "string" ? value.replace(" ", "T").replace(/ UTC$/, "Z") : "";
    if (iso && !Number.isNaN(Date.parse(iso))) stats.lastModifiedAt = new Date(iso);
  } catch {
    // Not an Iceberg table: no snapshot history to read.
  }
  return stats;
}
