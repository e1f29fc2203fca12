// Column profiles: read (catalog.profile) and compute (catalog.profileCompute). Both go through
// the dataset's own engine as the signed-in user — DuckDB's sandbox for their role, Trino's access
// control for their name — so a profile never shows what its reader could not query:
// - reading first runs `SELECT * … LIMIT 0` as the reader (a refusal is the engine's, and no
//   stored figure is sent), then returns the stored profiles of that reader;
// - on Trino, whose access control may filter rows or mask columns per user, each user's profile
//   is their own (`reader` = their e-mail); on DuckDB every reader sees the same rows, so one
//   profile serves all (`reader` = "");
// - computing plans first (row count: DuckDB counts, Trino's SHOW STATS via readStats), asks for a
//   confirmation when Trino would read a lot, runs two statements under the role's time limit
//   (at most PROFILE_TIME_LIMIT_SECONDS), and only then writes the row: a refusal stores nothing.
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Prisma } from "../../db/generated/client";
import { getEngine } from "../../engines/registry";
import { EngineQueryError, type EngineColumn, type EngineRow, type QueryEngine } from "../../engines/query-engine";
import { DomainError } from "../../errors";
import type { CurrentUser } from "../../auth/current-user";
import type { HandlerArgs } from "../../handler";
import { settingValue } from "../../settings/effective";
import { qualifiedName } from "../names";
import { readStats } from "../engine-reads";
import { MAX_PROFILE_COLUMNS, planProfile, PROFILE_TIME_LIMIT_SECONDS, type ProfilePlan } from "./profile-plan";
import { countSql, figuresSql, histogramsSql, probeSql, sourceClause, type ProfiledColumn } from "./profile-sql";
import { readFigures, readHistograms } from "./profile-results";
import { columnKind, type ColumnProfile } from "./profile-types";
import type { profileComputeInput, profileInput } from "./schemas";

type Dataset = Awaited<ReturnType<typeof loadDataset>>;

async function loadDataset(ctx: HandlerArgs["ctx"], datasetId: string) {
  const dataset = await ctx.db.catalogDataset.findUnique({
    where: { id: datasetId },
    select: {
      id: true,
      engineId: true,
      catalog: true,
      schema: true,
      name: true,
      kind: true,
      removedAt: true,
      columns: { select: { name: true, type: true, ordinal: true }, orderBy: { ordinal: "asc" } },
    },
  });
  if (!dataset) throw new DomainError("NOT_FOUND", "This dataset is not in the catalog (any more).");
  return dataset;
}

/** sha256 of the columns' names and types in order: another value later means the schema changed. */
export function schemaFingerprint(columns: { name: string; type: string }[]): string {
  return createHash("sha256")
    .update(JSON.stringify(columns.map((c) => [c.name, c.type])))
    .digest("hex");
}

function engineOf(dataset: Dataset): QueryEngine {
  try {
    return getEngine(dataset.engineId).engine;
  } catch (err) {
    if (err instanceof DomainError)
      throw new DomainError("SERVICE_UNAVAILABLE", `The engine “${dataset.engineId}” of this dataset is not configured any more, so its columns cannot be profiled.`);
    throw err;
  }
}

/** Whose profile this is: "" where every reader sees the same rows (see the file's header). */
const readerOf = (engine: QueryEngine, user: CurrentUser) => (engine.kind === "duckdb" ? "" : user.email);

function timeLimitSeconds(user: CurrentUser): number {
  return Math.min(settingValue("sql.timeLimits")[user.role], PROFILE_TIME_LIMIT_SECONDS);
}

async function run(engine: QueryEngine, user: CurrentUser, dataset: Dataset, sql: string, what: string): Promise<{ columns: EngineColumn[]; rows: EngineRow[] }> {
  const seconds = timeLimitSeconds(user);
  const columns: EngineColumn[] = [];
  const rows: EngineRow[] = [];
  try {
    for await (const event of engine.execute({
      sql,
      catalog: dataset.catalog,
      schema: dataset.schema,
      limit: 10_000,
      user: user.email,
      role: user.role,
      timeLimitSeconds: seconds,
      // The engine stops the statement at the limit; this also ends a read that hangs.
      signal: AbortSignal.timeout((seconds + 10) * 1000),
    })) {
      if (event.type === "columns") columns.push(...event.columns);
      else if (event.type === "rows") rows.push(...event.rows);
    }
    return { columns, rows };
  } catch (err) {
    throw refusal(err, what, seconds);
  }
}

function refusal(err: unknown, what: string, seconds: number): Error {
  const late = `The engine did not ${what} within ${seconds} seconds, the limit of a profile query${seconds < PROFILE_TIME_LIMIT_SECONDS ? " for your role" : ""}. Profile one column at a time, or ask for a longer limit.`;
  if (err instanceof DomainError) return err; // the DuckDB sandbox's refusal, already in words for people
  if (!(err instanceof EngineQueryError)) {
    const name = (err as Error)?.name;
    return name === "TimeoutError" || name === "AbortError" ? new DomainError("SERVICE_UNAVAILABLE", late) : (err as Error);
  }
  if (err.details.errorName === "TIME_LIMIT" || err.kind === "cancelled") return new DomainError("SERVICE_UNAVAILABLE", late);
  if (err.kind === "unavailable") return new DomainError("SERVICE_UNAVAILABLE", `The engine is unavailable, so the portal could not ${what}: ${err.message}`);
  if (err.details.errorName === "PERMISSION_DENIED" || /access denied|permission/i.test(err.message)) {
    return new DomainError("FORBIDDEN", `The engine does not let you ${what}: ${err.message}`);
  }
  return new DomainError("BAD_REQUEST", `The engine refused to ${what}: ${err.message}`);
}

type StoredProfile = Prisma.CatalogColumnProfileGetPayload<object>;

function present(row: StoredProfile, fingerprint: string) {
  return {
    target: row.target === "" ? null : row.target,
    computedAt: row.computedAt,
    computedBy: row.computedBy,
    durationMs: row.durationMs,
    stale: row.fingerprint !== fingerprint,
    sampling: row.sampling as ProfilePlan["sampling"],
    samplePercent: row.samplePercent,
    sampledRows: Number(row.sampledRows),
    tableRows: row.tableRows === null ? null : Number(row.tableRows),
    totalColumns: row.totalColumns,
    columns: row.columns as unknown as ColumnProfile[],
  };
}

export type StoredColumnProfiles = ReturnType<typeof present>;

/** The plan's row count: DuckDB counts (as the user, so it is also their permission check); Trino's statistics. */
async function planFor(ctx: HandlerArgs["ctx"], engine: QueryEngine, dataset: Dataset, columns: number, count: boolean): Promise<ProfilePlan> {
  if (engine.kind === "duckdb") {
    if (!count) return planProfile("duckdb", null, null, columns);
    const { rows } = await run(engine, ctx.user, dataset, countSql(dataset), `count the rows of ${qualifiedName(dataset)}`);
    return planProfile("duckdb", Number(rows[0]?.[0] ?? 0), null, columns);
  }
  const stats = await readStats({ ctx, input: { datasetId: dataset.id, refresh: false } });
  return planProfile(engine.kind, stats.rowCount === null ? null : Number(stats.rowCount), stats.sizeBytes === null ? null : Number(stats.sizeBytes), columns);
}

/** catalog.profile: the reader's stored profiles, whether each is stale, and what computing one would read. */
export async function readProfile({ ctx, input }: HandlerArgs<z.infer<typeof profileInput>>) {
  const dataset = await loadDataset(ctx, input.datasetId);
  const engine = engineOf(dataset);
  await run(engine, ctx.user, dataset, probeSql(dataset), `read ${qualifiedName(dataset)}`);
  const fingerprint = schemaFingerprint(dataset.columns);
  const stored = await ctx.db.catalogColumnProfile.findMany({ where: { datasetId: dataset.id, reader: readerOf(engine, ctx.user) }, orderBy: { target: "asc" } });
  const firstColumns = Math.min(dataset.columns.length, MAX_PROFILE_COLUMNS);
  // DuckDB's plan is made when it runs (a local count); Trino's from its statistics, shown before.
  const plan = await planFor(ctx, engine, dataset, firstColumns, false);
  return {
    engineKind: engine.kind,
    totalColumns: dataset.columns.length,
    maxColumns: MAX_PROFILE_COLUMNS,
    plan: engine.kind === "duckdb" ? null : plan,
    profiles: stored.map((row) => present(row, fingerprint)),
  };
}

/** catalog.profileCompute: runs the profile (first columns, or one) and keeps it for the reader. */
export async function computeProfile({ ctx, input }: HandlerArgs<z.infer<typeof profileComputeInput>>) {
  const started = Date.now();
  const dataset = await loadDataset(ctx, input.datasetId);
  if (dataset.removedAt) throw new DomainError("BAD_REQUEST", `${qualifiedName(dataset)} is gone from the engine (the last crawl did not find it), so it cannot be profiled.`);
  if (dataset.columns.length === 0) throw new DomainError("BAD_REQUEST", `The engine reported no columns for ${qualifiedName(dataset)}: there is nothing to profile.`);
  let chosen = dataset.columns.slice(0, MAX_PROFILE_COLUMNS);
  if (input.column !== undefined) {
    const column = dataset.columns.find((c) => c.name === input.column);
    if (!column) throw new DomainError("BAD_REQUEST", `${qualifiedName(dataset)} has no column “${input.column}”.`, { column: ["is not a column of this dataset"] });
    chosen = [column];
  }
  const columns: ProfiledColumn[] = chosen.map((c) => ({ name: c.name, type: c.type, kind: columnKind(c.type) }));
  const engine = engineOf(dataset);
  const plan = await planFor(ctx, engine, dataset, columns.length, true);
  if (plan.needsConfirmation && !input.confirmed) throw new DomainError("PRECONDITION_FAILED", `Please confirm: ${plan.summary}`);

  const source = sourceClause(engine.kind, dataset, plan);
  const what = `profile the columns of ${qualifiedName(dataset)}`;
  const figures = readFigures(await run(engine, ctx.user, dataset, figuresSql(engine.kind, source, columns), what), columns);
  if (figures.specs.length > 0) readHistograms(await run(engine, ctx.user, dataset, histogramsSql(source, figures.specs), what), figures.specs, figures.columns);

  const key = { datasetId: dataset.id, target: input.column ?? "", reader: readerOf(engine, ctx.user) };
  const data = {
    fingerprint: schemaFingerprint(dataset.columns),
    computedAt: new Date(),
    computedBy: ctx.user.email,
    durationMs: Date.now() - started,
    sampling: plan.sampling,
    samplePercent: plan.percent,
    sampledRows: BigInt(figures.profiledRows),
    tableRows: plan.tableRows === null ? null : BigInt(plan.tableRows),
    totalColumns: dataset.columns.length,
    columns: figures.columns as unknown as Prisma.InputJsonValue,
  };
  const row = await ctx.db.catalogColumnProfile.upsert({ where: { datasetId_target_reader: key }, create: { ...key, ...data }, update: data });
  return present(row, data.fingerprint);
}
