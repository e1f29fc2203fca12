// Reading the catalog for its pages: engines → catalogs → schemas → datasets, one dataset with
// everything its page shows, its schema history and its activity.
import type { z } from "zod";
import type { Db } from "../db/client";
import { engineRegistry } from "../engines/registry";
import { DomainError } from "../errors";
import type { HandlerArgs } from "../handler";
import { freshnessOf } from "./freshness";
import { workbenchQuery } from "./names";
import type { catalogInput, crawlRunsInput, datasetIdInput, datasetPageInput, datasetRefInput, engineInput, schemaInput, searchTextInput } from "./schemas";
import { datasetSubject, STEWARD_ACTIONS } from "./stewardship";
import { teamOwnerSuggestions } from "../teams/owners";

const PAGE_SIZE = 50;

function configuredEngines(): Map<string, { label: string; kind: string }> {
  try {
    return new Map([...engineRegistry().entries()].map(([id, { engine }]) => [id, { label: engine.label, kind: engine.kind }]));
  } catch {
    return new Map(); // engines not started (tests that only use the database)
  }
}

/** Configured engines, plus engines that are in the catalog but no longer configured. */
export async function listEngines({ ctx }: HandlerArgs) {
  const client = ctx.db;
  const configured = configuredEngines();
  const [counts, runs] = await Promise.all([
    client.$queryRaw<{ engine_id: string; datasets: number; catalogs: number }[]>`
      SELECT engine_id, count(*)::int AS datasets, count(DISTINCT catalog)::int AS catalogs
      FROM catalog_datasets WHERE removed_at IS NULL GROUP BY engine_id`,
    client.$queryRaw<{ engine_id: string; id: string }[]>`
      SELECT DISTINCT ON (engine_id) engine_id, id FROM catalog_crawl_runs ORDER BY engine_id, started_at DESC`,
  ]);
  const lastRuns = await client.catalogCrawlRun.findMany({ where: { id: { in: runs.map((r) => r.id) } } });
  const ids = [...new Set([...configured.keys(), ...counts.map((c) => c.engine_id)])].sort();
  return ids.map((id) => {
    const count = counts.find((c) => c.engine_id === id);
    return {
      id,
      label: configured.get(id)?.label ?? id,
      kind: configured.get(id)?.kind ?? null,
      configured: configured.has(id),
      datasets: count?.datasets ?? 0,
      catalogs: count?.catalogs ?? 0,
      lastCrawl: lastRuns.find((r) => r.engineId === id) ?? null,
    };
  });
}

export async function listCatalogs({ ctx, input }: HandlerArgs<z.infer<typeof engineInput>>) {
  return ctx.db.$queryRaw<{ catalog: string; schemas: number; datasets: number }[]>`
    SELECT catalog, count(DISTINCT schema)::int AS schemas, count(*)::int AS datasets
    FROM catalog_datasets WHERE engine_id = ${input.engineId} AND removed_at IS NULL GROUP BY catalog ORDER BY catalog`;
}

export async function listSchemas({ ctx, input }: HandlerArgs<z.infer<typeof catalogInput>>) {
  return ctx.db.$queryRaw<{ schema: string; datasets: number; views: number }[]>`
    SELECT schema, count(*)::int AS datasets, count(*) FILTER (WHERE kind = 'VIEW')::int AS views
    FROM catalog_datasets WHERE engine_id = ${input.engineId} AND catalog = ${input.catalog} AND removed_at IS NULL
    GROUP BY schema ORDER BY schema`;
}

export async function listDatasets({ ctx, input }: HandlerArgs<z.infer<typeof schemaInput>>) {
  const client = ctx.db;
  const where = { engineId: input.engineId, catalog: input.catalog, schema: input.schema, ...(input.includeRemoved ? {} : { removedAt: null }) };
  const [datasets, total] = await Promise.all([
    client.catalogDataset.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (input.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, name: true, kind: true, description: true, engineComment: true, tags: true, owners: true, columnCount: true, usageCount: true, removedAt: true },
    }),
    client.catalogDataset.count({ where }),
  ]);
  return { datasets, total, page: input.page, pageSize: PAGE_SIZE };
}

export async function getDataset({ ctx, input: ref }: HandlerArgs<z.infer<typeof datasetRefInput>>) {
  const client = ctx.db;
  const dataset = await client.catalogDataset.findUnique({
    where: { engineId_catalog_schema_name: { engineId: ref.engineId, catalog: ref.catalog, schema: ref.schema, name: ref.name } },
    include: { columns: { orderBy: { ordinal: "asc" } } },
  });
  if (!dataset) {
    throw new DomainError("NOT_FOUND", `The catalog has no dataset ${ref.catalog}.${ref.schema}.${ref.name} in engine “${ref.engineId}”. It may not have been crawled yet.`);
  }
  const [tags, terms] = await Promise.all([
    client.catalogTag.findMany({ where: { name: { in: dataset.tags } } }),
    client.catalogGlossaryTerm.findMany({ where: { name: { in: dataset.glossaryTerms } } }),
  ]);
  const engine = configuredEngines().get(dataset.engineId);
  return {
    ...dataset,
    engineLabel: engine?.label ?? dataset.engineId,
    engineConfigured: engine !== undefined,
    tagDetails: dataset.tags.map((name) => {
      const tag = tags.find((t) => t.name === name);
      return { name, kind: tag?.kind ?? "tag", description: tag?.description ?? "" };
    }),
    termDetails: dataset.glossaryTerms.map((name) => ({ name, definition: terms.find((t) => t.name === name)?.definition ?? "" })),
    freshness: freshnessOf(dataset),
    workbenchSql: workbenchQuery(dataset),
  };
}

/** The schema history as versions: the changes one crawl saw, newest first. */
export async function schemaHistory({ ctx, input }: HandlerArgs<z.infer<typeof datasetIdInput>>) {
  const changes = await ctx.db.catalogSchemaChange.findMany({ where: { datasetId: input.datasetId }, orderBy: [{ at: "desc" }, { id: "asc" }], take: 500 });
  const versions: { at: Date; crawlRunId: string | null; changes: typeof changes }[] = [];
  for (const change of changes) {
    const last = versions.at(-1);
    if (last && last.crawlRunId === change.crawlRunId && last.at.getTime() === change.at.getTime()) last.changes.push(change);
    else versions.push({ at: change.at, crawlRunId: change.crawlRunId, changes: [change] });
  }
  return { versions, truncated: changes.length === 500 };
}

/** Stewards' edits of one dataset, from the audit log. */
export async function datasetActivity({ ctx, input }: HandlerArgs<z.infer<typeof datasetPageInput>>) {
  const client = ctx.db;
  const where = { action: { in: [...STEWARD_ACTIONS] }, subject: datasetSubject(input.datasetId) };
  const [events, total] = await Promise.all([
    client.auditEvent.findMany({ where, orderBy: { at: "desc" }, skip: (input.page - 1) * 20, take: 20 }),
    client.auditEvent.count({ where }),
  ]);
  return { events: events.map((e) => ({ ...e, id: String(e.id) })), total, page: input.page, pageSize: 20 };
}

export async function getDatasetById(client: Db, id: string) {
  const dataset = await client.catalogDataset.findUnique({
    where: { id },
    select: { id: true, engineId: true, catalog: true, schema: true, name: true, kind: true, statsAt: true },
  });
  if (!dataset) throw new DomainError("NOT_FOUND", "This dataset is not in the catalog (any more).");
  return dataset;
}

export async function listCrawlRuns({ ctx, input }: HandlerArgs<z.infer<typeof crawlRunsInput>>) {
  return ctx.db.catalogCrawlRun.findMany({ where: input.engineId ? { engineId: input.engineId } : {}, orderBy: { startedAt: "desc" }, take: input.limit });
}

export async function listTags({ ctx }: HandlerArgs) {
  const client = ctx.db;
  const [tags, used] = await Promise.all([
    client.catalogTag.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }] }),
    client.$queryRaw<{ tag: string; n: number }[]>`SELECT t AS tag, count(*)::int AS n FROM catalog_datasets, unnest(tags) t WHERE removed_at IS NULL GROUP BY t`,
  ]);
  return tags.map((t) => ({ ...t, datasets: used.find((u) => u.tag === t.name)?.n ?? 0 }));
}

export async function listGlossaryTerms({ ctx, input: { search } }: HandlerArgs<z.infer<typeof searchTextInput>>) {
  return ctx.db.catalogGlossaryTerm.findMany({
    where: search ? { name: { contains: search, mode: "insensitive" } } : {},
    orderBy: { name: "asc" },
    take: 20,
    select: { name: true, definition: true },
  });
}

/** People and teams to propose as owners. */
export async function ownerSuggestions({ ctx, input: { search } }: HandlerArgs<z.infer<typeof searchTextInput>>) {
  const client = ctx.db;
  const [users, teams, realTeams] = await Promise.all([
    client.user.findMany({
      where: { disabled: false, ...(search ? { OR: [{ email: { contains: search, mode: "insensitive" } }, { name: { contains: search, mode: "insensitive" } }] } : {}) },
      orderBy: { name: "asc" },
      take: 8,
      select: { email: true, name: true },
    }),
    client.$queryRaw<{ owner: string }[]>`
      SELECT DISTINCT o AS owner FROM catalog_datasets, unnest(owners) o
      WHERE o NOT LIKE '%@%' AND o NOT LIKE 'team:%' AND (${search} = '' OR o ILIKE ${`%${search.replace(/[\\%_]/g, "\\$&")}%`}) ORDER BY o LIMIT 8`,
    teamOwnerSuggestions(client, search),
  ]);
  // Teams of Admin › Teams first (as `team:<slug>` references), then free-text team names in use.
  return { users, teams: [...realTeams.map((t) => t.ref), ...teams.map((t) => t.owner)], teamNames: Object.fromEntries(realTeams.map((t) => [t.ref, t.name])) };
}
