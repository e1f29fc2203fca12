// sql.explain: the plan of one statement as a tree. The statement passes the same checks as
// running it (prepareRun: size, one statement, read-only for viewers, the DuckDB sandbox, refusals
// audited), then the engine explains it without running it: EXPLAIN (FORMAT JSON) on DuckDB,
// EXPLAIN (TYPE DISTRIBUTED, FORMAT JSON) on Trino, as the user (Trino's access control applies).
import { DomainError } from "../errors";
import { EngineQueryError } from "../engines/query-engine";
import type { EngineEntry } from "../engines/registry";
import { settingValue } from "../settings/effective";
import type { HandlerArgs } from "../handler";
import { logger } from "../logger";
import { prepareRun } from "./run-query";
import { parseDuckDbPlan, parseTrinoPlan, PlanFormatError, type PlanNode } from "./explain-plan";
import type { ExplainInput } from "./explain-schema";

export type ExplainResult = { engineKind: EngineEntry["engine"]["kind"]; sql: string; plan: PlanNode[] };

export async function explainStatement({ ctx, input }: HandlerArgs<ExplainInput>): Promise<ExplainResult> {
  // EXPLAIN runs nothing, so a destructive statement needs no confirmation to be explained.
  const prepared = await prepareRun({ ctx, input: { ...input, limit: 1, confirmed: true } });
  if (prepared.preflightError) throw new DomainError("BAD_REQUEST", prepared.preflightError.message);
  const text = prepared.statement.text;
  if (/^\s*explain\b/i.test(text)) throw new DomainError("BAD_REQUEST", "This is an EXPLAIN statement already: run it, or remove EXPLAIN to see its plan as a tree.");

  const { entry } = prepared;
  const kind = entry.engine.kind;
  const sql = kind === "trino" ? `EXPLAIN (TYPE DISTRIBUTED, FORMAT JSON) ${text}` : `EXPLAIN (FORMAT JSON) ${text}`;
  const rows: unknown[][] = [];
  try {
    for await (const event of entry.engine.execute({
      sql,
      catalog: input.catalog ?? entry.defaultCatalog,
      schema: input.schema ?? entry.defaultSchema,
      limit: 100,
      user: ctx.user.email,
      role: ctx.user.role,
      timeLimitSeconds: settingValue("sql.timeLimits")[ctx.user.role],
    })) {
      if (event.type === "rows") rows.push(...event.rows);
    }
  } catch (err) {
    if (err instanceof EngineQueryError) throw new DomainError(err.kind === "unavailable" ? "SERVICE_UNAVAILABLE" : "BAD_REQUEST", err.message);
    throw err;
  }
  try {
    return { engineKind: kind, sql, plan: kind === "trino" ? parseTrinoPlan(planText(rows, 0)) : parseDuckDbPlan(duckDbPlanText(rows)) };
  } catch (err) {
    if (!(err instanceof PlanFormatError)) throw err;
    logger.warn({ err, engineId: input.engineId }, "unreadable EXPLAIN output");
    throw new DomainError("BAD_REQUEST", `${err.message} Run “EXPLAIN …” as a statement to see the engine's own text.`);
  }
}

/** DuckDB answers (explain_key, explain_value) rows; the plan is the physical_plan's value. */
function duckDbPlanText(rows: unknown[][]): string {
  const row = rows.find((r) => r[0] === "physical_plan") ?? rows[0];
  return planText(row ? [row] : [], 1);
}

function planText(rows: unknown[][], column: number): string {
  const value = rows[0]?.[column];
  if (typeof value !== "string") throw new PlanFormatError("The engine returned no plan.");
  return value;
}
