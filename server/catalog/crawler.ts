// The crawler: reads catalogs → schemas → tables → columns from one engine, through the
// QueryEngine port only, and brings the catalog tables up to date.
//
// - Bounded memory: one schema's table list (what the port returns) and one batch of tables
//   with their columns are held at a time; each batch is written and dropped.
// - Incremental: a fingerprint per dataset skips unchanged ones; changes write schema history.
// - Failure: each batch commits on its own (a dataset is always wholly old or wholly new), and
//   vanished datasets are marked removed only after the whole engine was listed successfully. A
//   crawl that fails midway therefore removes nothing and loses nothing; its run row says which
//   engine, where (catalog.schema) and why.
// - One at a time per engine, across replicas (crawl-lock.ts); progress on the run row.
import type { z } from "zod";
import { getEngine } from "../engines/registry";
import { EngineQueryError, type QueryEngine, type TableInfo } from "../engines/query-engine";
import { db as defaultDb, isDatabaseUnavailable, type Db } from "../db/client";
import { getConfig } from "../config/env";
import { DomainError } from "../errors";
import { recordAudit, type AuditActor } from "../audit/audit";
import type { HandlerArgs } from "../handler";
import { logger } from "../logger";
import { tryLockCrawl } from "./crawl-lock";
import { applyCrawlBatch, markVanishedDatasets, type CrawledTable } from "./crawl-writer";
import type { engineInput } from "./schemas";
import pLimit from "p-limit";
import { relinkLineageDatasets } from "../lineage/catalog-link";
import { observeCrawl } from "../metrics/business";

export type CrawlTrigger = "manual" | "schedule";

const ANALYZE_AFTER_CHANGES = 1_000;

export type StartCrawlOptions = {
  engineId: string;
  trigger: CrawlTrigger;
  /** Who pressed the button (null for the schedule), and from where. */
  actor?: AuditActor;
  ip?: string | null;
  /** The engine to read; by default the configured engine called `engineId`. */
  engine?: QueryEngine;
  client?: Db;
  databaseUrl?: string;
  /** Tables per transaction. */
  batchSize?: number;
  /** listColumns calls in flight at once. */
  concurrency?: number;
  /** Stops the crawl between batches (e.g. the portal shutting down). */
  signal?: AbortSignal;
};

export type CrawlSummary = {
  runId: string;
  engineId: string;
  status: "succeeded" | "failed";
  tables: number;
  added: number;
  changed: number;
  removed: number;
  error: string | null;
  errorWhere: string | null;
};

/**
 * Starts a crawl and returns once it holds the engine's lock and has a run row; `finished`
 * settles when the crawl ends and never rejects (a failure is a `failed` summary). Throws
 * CONFLICT when a crawl of the engine is already running.
 */
export async function startCrawl(options: StartCrawlOptions): Promise<{ runId: string; finished: Promise<CrawlSummary> }> {
  const client = options.client ?? defaultDb();
  const engine = options.engine ?? getEngine(options.engineId).engine;
  const lock = await tryLockCrawl(options.engineId, options.databaseUrl);
  if (!lock) throw await alreadyRunning(client, options.engineId, engine.label);
  let runId: string;
  try {
    // We hold the lock, so a run still marked running was left by a process that died.
    await client.catalogCrawlRun.updateMany({
      where: { engineId: options.engineId, status: "running" },
      data: { status: "failed", finishedAt: new Date(), errorMessage: "The portal process running this crawl stopped before it finished." },
    });
    const run = await client.catalogCrawlRun.create({
      data: { engineId: options.engineId, trigger: options.trigger, startedById: options.actor?.id ?? null, startedByEmail: options.actor?.email ?? null },
      select: { id: true },
    });
    runId = run.id;
    if (options.actor) {
      await recordAudit(client, {
        actor: options.actor,
        action: "catalog.crawl_started",
        subject: `engine:${options.engineId}`,
        outcome: "success",
        ip: options.ip,
        details: { runId },
      });
    }
  } catch (err) {
    await lock.release();
    throw err;
  }
  const finished = observeCrawl(engine.kind, runCrawl(client, engine, options, runId)).finally(() => lock.release());
  return { runId, finished };
}

/** An editor's "Crawl now" (catalog.crawl.start): answers with the run's id while the crawl goes on. */
export async function startManualCrawl({ ctx, input }: HandlerArgs<z.infer<typeof engineInput>>): Promise<{ runId: string }> {
  const { runId } = await startCrawl({ engineId: input.engineId, trigger: "manual", actor: ctx.user, ip: ctx.ip, client: ctx.db });
  return { runId };
}

/** Crawls and waits for the end (the scheduler, tests, the benchmark). */
export async function crawlEngine(options: StartCrawlOptions): Promise<CrawlSummary> {
  const { finished } = await startCrawl(options);
  return finished;
}

async function alreadyRunning(client: Db, engineId: string, label: string): Promise<DomainError> {
  const run = await client.catalogCrawlRun.findFirst({ where: { engineId, status: "running" }, orderBy: { startedAt: "desc" } });
  const detail = run
    ? ` (started ${run.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC${run.startedByEmail ? ` by ${run.startedByEmail}` : ""}; ${run.tablesDone} of ${run.tablesSeen} tables done)`
    : "";
  return new DomainError("CONFLICT", `A crawl of ${label} is already running${detail}. Wait for it to finish.`);
}

/** The identity the crawler lists metadata as: the portal's service account. */
function crawlerUser(): string {
  return getConfig().TRINO_USER ?? "lakehouse-portal";
}

async function runCrawl(client: Db, engine: QueryEngine, options: StartCrawlOptions, runId: string): Promise<CrawlSummary> {
  const { engineId } = options;
  const batchSize = options.batchSize ?? 250;
  const concurrency = options.concurrency ?? 4;
  const user = crawlerUser();
  const totals = { tables: 0, added: 0, changed: 0, removed: 0 };
  let where = "listing catalogs";
  try {
    const schemas: [string, string][] = [];
    for (const catalog of await engine.listCatalogs(user)) {
      where = `listing the schemas of ${catalog}`;
      for (const schema of await engine.listSchemas(user, catalog)) schemas.push([catalog, schema]);
    }
    await client.catalogCrawlRun.update({ where: { id: runId }, data: { schemasTotal: schemas.length, heartbeatAt: new Date() } });

    for (const [index, [catalog, schema]] of schemas.entries()) {
      where = `${catalog}.${schema}`;
      const tables = await engine.listTables(user, catalog, schema);
      await client.catalogCrawlRun.update({ where: { id: runId }, data: { tablesSeen: { increment: tables.length }, heartbeatAt: new Date() } });
      for (let start = 0; start < tables.length; start += batchSize) {
        if (options.signal?.aborted) throw new CrawlStopped();
        const batch = tables.slice(start, start + batchSize);
        const crawled = await pLimit(concurrency).map(batch, async (table: TableInfo): Promise<CrawledTable> => {
          try {
            return { table, columns: await engine.listColumns(user, catalog, schema, table.name) };
          } catch (err) {
            where = `${catalog}.${schema}.${table.name}`;
            throw err;
          }
        });
        const result = await applyCrawlBatch(client, { runId, engineId, catalog, schema }, crawled);
        totals.tables += batch.length;
        totals.added += result.added;
        totals.changed += result.changed;
        await client.catalogCrawlRun.update({
          where: { id: runId },
          data: { tablesDone: totals.tables, added: totals.added, changed: totals.changed, heartbeatAt: new Date() },
        });
      }
      await client.catalogCrawlRun.update({ where: { id: runId }, data: { schemasDone: index + 1 } });
    }

    where = "marking vanished datasets";
    totals.removed = await markVanishedDatasets(client, engineId, runId);
    // Lineage events may have named these tables before the catalog knew them (server/lineage/catalog-link.ts).
    where = "linking lineage datasets";
    await relinkLineageDatasets(client);
    // Search plans depend on how common words are; embedded PGlite has no autovacuum to refresh
    // those statistics, so a crawl that changed much refreshes them itself (about a second per
    // 100,000 datasets). catalog_columns too: unanalysed, PostgreSQL guessed thousands of columns
    // per dataset for the hits' "matched columns", costed the search over its JIT threshold and
    // spent 120 of 210 ms compiling it (100,000 datasets, bulk-loaded).
    if (totals.added + totals.changed + totals.removed >= ANALYZE_AFTER_CHANGES) await client.$executeRawUnsafe("ANALYZE catalog_datasets, catalog_columns");
    await client.catalogCrawlRun.update({ where: { id: runId }, data: { status: "succeeded", removed: totals.removed, finishedAt: new Date(), heartbeatAt: new Date() } });
    logger.info({ engineId, runId, ...totals }, "catalog crawl finished");
    return { runId, engineId, status: "succeeded", ...totals, error: null, errorWhere: null };
  } catch (err) {
    const message = crawlErrorMessage(err);
    logger.warn({ err, engineId, runId, where }, "catalog crawl failed");
    await client.catalogCrawlRun
      .update({
        where: { id: runId },
        data: { status: "failed", finishedAt: new Date(), errorMessage: message, errorWhere: where, tablesDone: totals.tables, added: totals.added, changed: totals.changed },
      })
      .catch((e: unknown) => logger.error({ err: e, runId }, "could not record a failed catalog crawl"));
    return { runId, engineId, status: "failed", ...totals, error: message, errorWhere: where };
  }
}

class CrawlStopped extends Error {
  constructor() {
    super("The crawl was stopped because the portal is shutting down.");
  }
}

/** A message for the people who read the crawl's status (editors, admins): no stack trace. */
function crawlErrorMessage(err: unknown): string {
  if (err instanceof CrawlStopped || err instanceof EngineQueryError) return err.message;
  if (isDatabaseUnavailable(err)) return "The portal's database became unavailable during the crawl.";
  const message = err instanceof Error ? err.message : String(err);
  return message.length > 1_000 ? `${message.slice(0, 1_000)}…` : message;
}
