// A successful workbench statement that wrote something, as lineage: one run of the job
// `portal` / <the saved query's name> (or `adhoc.<user's e-mail>` when it is not a saved query),
// START then COMPLETE, with the SQL (SQLJobFacet), the job type (PORTAL, QUERY, BATCH), the
// datasets' schemas as the engine describes them after the run, and the column lineage derived
// from the SQL (server/lineage/sql-lineage). Called by the workbench after the run, in the
// background (server/sql/run-query.ts).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { HandlerArgs } from "../handler";
import { logger } from "../logger";
import { getEngine } from "../engines/registry";
import { DUCKDB_NAMESPACE, trinoNamespace } from "./catalog-link";
import { datasetsOf, ingestOwnEvents, jobTypeFacet, PORTAL_JOB_NAMESPACE, PORTAL_PRODUCER, runEvents, sqlJobFacet } from "./portal-producer";
import { deriveLineage, type TableLookup } from "./sql-lineage/derive";

export const statementLineageInput = z.object({
  /** The workbench run (query_runs.id); the OpenLineage run gets an id of its own. */
  queryRunId: z.uuid(),
  engineId: z.string(),
  sql: z.string(),
  catalog: z.string().nullable(),
  schema: z.string().nullable(),
  startedAt: z.date(),
  finishedAt: z.date(),
});
export type StatementLineageInput = z.infer<typeof statementLineageInput>;

/**
 * The lineage of one successful workbench statement, if it wrote something lineage names:
 * derived from its SQL and stored as a START + COMPLETE run. Returns the run id, or null.
 */
export async function recordStatementLineage({ ctx, input }: HandlerArgs<StatementLineageInput>): Promise<string | null> {
  const entry = getEngine(input.engineId);
  const engine = entry.engine.kind;
  const namespace = engine === "duckdb" ? DUCKDB_NAMESPACE : trinoNamespace();
  if (!namespace) return null;
  const lookup: TableLookup = async ([catalog, schema, table]) => {
    for (const name of [[catalog, schema, table] as const, [catalog.toLowerCase(), schema.toLowerCase(), table.toLowerCase()] as const]) {
      const columns = await entry.engine.listColumns(ctx.user.email, ...name);
      if (columns.length) return { name: [...name], columns: columns.map((c) => ({ name: c.name, type: c.type })) };
    }
    return null;
  };
  const derived = await deriveLineage({ sql: input.sql, engine, namespace, catalog: input.catalog, schema: input.schema, lookup });
  if (!derived) return null;
  const saved = await ctx.db.savedQuery.findFirst({
    where: { ownerId: ctx.user.id, engineId: input.engineId, sql: { in: [input.sql, `${input.sql};`] } },
    orderBy: { updatedAt: "desc" },
    select: { name: true },
  });
  const runId = randomUUID();
  const { inputs, outputs } = datasetsOf(derived);
  const events = runEvents({
    runId,
    job: {
      namespace: PORTAL_JOB_NAMESPACE,
      name: saved?.name ?? `adhoc.${ctx.user.email}`,
      facets: { sql: sqlJobFacet(input.sql, engine), jobType: jobTypeFacet("PORTAL", "QUERY") },
    },
    startedAt: input.startedAt,
    endedAt: input.finishedAt,
    state: "COMPLETE",
    inputs,
    outputs,
    runFacets: {
      portal_queryRun: {
        _producer: PORTAL_PRODUCER,
        _schemaURL: `${PORTAL_PRODUCER}#/facets/QueryRunFacet`,
        queryRunId: input.queryRunId,
        columnLineageGap: derived.columnLineageGap,
      },
    },
  });
  await ingestOwnEvents(ctx, events);
  return runId;
}

/**
 * The workbench's hook: records a statement's lineage in the background. Never throws and is not
 * awaited by the run, so lineage can neither fail nor slow the user's statement.
 */
export function recordStatementLineageLater(args: HandlerArgs<StatementLineageInput>): void {
  void recordStatementLineage(args).catch((err: unknown) => logger.warn({ err, queryRunId: args.input.queryRunId }, "could not record the lineage of a workbench statement"));
}
