// Background work of the catalog, safe with several replicas:
// - every minute, workbench usage is brought up to date (idempotent, see usage.ts);
// - each engine is crawled when its last crawl started "Crawl every" (Admin › Settings) ago or
//   more (read from catalog_crawl_runs, so replicas agree), or was never crawled. The crawl lock
//   makes a replica that loses the race skip quietly.
import { settingValue } from "../settings/effective";
import { engineRegistry } from "../engines/registry";
import { db as defaultDb, type Db } from "../db/client";
import { DomainError } from "../errors";
import { logger } from "../logger";
import { crawlEngine } from "./crawler";
import { ingestUsage } from "./usage";

const TICK_MS = 60_000;
const FIRST_TICK_MS = 5_000;

export type CatalogScheduler = { stop(): Promise<void> };

export type SchedulerOptions = {
  /** Minutes between crawls of an engine; 0: no scheduled crawls (default: the configuration). */
  intervalMinutes?: number;
  client?: () => Db;
  /** Test hooks: how often to look, and when first. */
  tickMs?: number;
  firstTickMs?: number;
};

/** Starts the catalog's background work in this process; call once, from the launcher. */
export function startCatalogScheduler(options: SchedulerOptions = {}): CatalogScheduler {
  const client = options.client ?? defaultDb;
  const controller = new AbortController();
  const crawls = new Set<Promise<unknown>>();
  let ticking = false;

  const tick = async () => {
    if (ticking || controller.signal.aborted) return;
    ticking = true;
    try {
      await ingestUsage(client()).catch((err: unknown) => logger.warn({ err }, "catalog usage update failed"));
      // Read at every tick: a change in Admin › Settings applies at the next one.
      const intervalMinutes = options.intervalMinutes ?? settingValue("catalog.crawlIntervalMinutes");
      if (intervalMinutes > 0) await crawlDueEngines(intervalMinutes);
    } finally {
      ticking = false;
    }
  };

  const crawlDueEngines = async (intervalMinutes: number) => {
    for (const engineId of engineRegistry().keys()) {
      const last = await client().catalogCrawlRun.findFirst({ where: { engineId }, orderBy: { startedAt: "desc" }, select: { startedAt: true } });
      if (last && Date.now() - last.startedAt.getTime() < intervalMinutes * 60_000) continue;
      // Not awaited: a long crawl of one engine must not hold up the others or the usage job.
      const crawl = crawlEngine({ engineId, trigger: "schedule", signal: controller.signal, client: client() })
        .then((summary) => {
          if (summary.status === "failed") logger.warn({ engineId, error: summary.error, where: summary.errorWhere }, "scheduled catalog crawl failed");
        })
        .catch((err: unknown) => {
          if (err instanceof DomainError && err.code === "CONFLICT") return; // another replica is on it
          logger.warn({ err, engineId }, "scheduled catalog crawl could not start");
        })
        .finally(() => crawls.delete(crawl));
      crawls.add(crawl);
    }
  };

  const first = setTimeout(() => void tick(), options.firstTickMs ?? FIRST_TICK_MS);
  const timer = setInterval(() => void tick(), options.tickMs ?? TICK_MS);
  first.unref();
  timer.unref();
  const intervalMinutes = options.intervalMinutes ?? settingValue("catalog.crawlIntervalMinutes");
  logger.info({ intervalMinutes }, intervalMinutes > 0 ? "catalog crawls scheduled" : "scheduled catalog crawls are off (for now: the setting is read at every tick)");

  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      controller.abort(); // running crawls stop after their current batch and say why
      await Promise.allSettled([...crawls]);
    },
  };
}
