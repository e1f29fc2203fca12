// Running one statement from the workbench, in two steps so that refusals get proper HTTP codes
// before any result streams: `prepareRun` checks the input and the user's rights (size, one
// statement, read-only for viewers, confirmation for destructive statements); `executeRun`
// streams the engine's events, records the run in the history, and audits DDL/DML.
import { classifyStatement, UnclassifiableStatementError, type Classification } from "./classify";
import { splitStatements, type SqlStatement } from "../../lib/sql/split";
import { getEngine, type EngineEntry } from "../engines/registry";
import { settingValue } from "../settings/effective";
import { EngineQueryError, rowCountOf, StatementRefusedError, type QueryEvent } from "../engines/query-engine";
import type { Db } from "../db/client";
import { recordAudit } from "../audit/audit";
import { DomainError } from "../errors";
import { hasRole } from "../../lib/auth/roles";
import type { CurrentUser } from "../auth/current-user";
import type { HandlerArgs, RequestContext } from "../handler";
import { logger } from "../logger";
import { ResultTooLargeError, ResultWriter } from "./results/result-file";
import { resultKey, resultSpace, type ResultSpace } from "./results/result-space";
import { MAX_ROW_LIMIT, type RunInput } from "./schemas";
import { recordStatementLineageLater } from "../lineage/portal-producer-statement";
import { countQuery, countRowsStreamed } from "../metrics/business";
import { endQuerySpan, startQuerySpan } from "../telemetry/spans";

export const MAX_SQL_BYTES = 1_000_000;

// The input's type comes from its schema (schemas.ts), never written twice.
export type { RunInput };

export type PreparedRun = {
  /** Who runs it, from where, and the database that records it. */
  ctx: RequestContext;
  input: RunInput;
  entry: EngineEntry;
  statement: SqlStatement;
  classification: Classification;
  /** The engine's parser already rejected the statement (syntax, unknown table): it is not run, only recorded and reported. */
  preflightError?: EngineQueryError;
};

export type RunEvent =
  | { type: "run"; runId: string; statementKind: Classification["kind"]; verb: string }
  | QueryEvent
  /** The complete result was kept (sent just before `finished`): downloads and re-opening read it until `expiresAt`. */
  | { type: "stored"; bytes: number; expiresAt: string }
  | { type: "error"; kind: EngineQueryError["kind"]; message: string; line?: number; column?: number; errorName?: string };

export async function prepareRun({ ctx, input }: HandlerArgs<RunInput>): Promise<PreparedRun> {
  const { user } = ctx;
  const bytes = Buffer.byteLength(input.sql, "utf8");
  if (bytes > MAX_SQL_BYTES) {
    throw new DomainError("PAYLOAD_TOO_LARGE", `This SQL is ${(bytes / 1_000_000).toFixed(1)} MB; the workbench runs statements up to 1 MB.`);
  }
  const statements = splitStatements(input.sql);
  if (statements.length === 0) throw new DomainError("BAD_REQUEST", "There is no statement to run: write one first.", { sql: ["is empty"] });
  if (statements.length > 1) {
    throw new DomainError("BAD_REQUEST", `The text holds ${statements.length} statements; run one at a time (Ctrl+Enter runs the statement under the cursor, or select one).`, {
      sql: ["holds several statements"],
    });
  }
  const statement = statements[0]!;
  const entry = getEngine(input.engineId);

  const session = { catalog: input.catalog ?? entry.defaultCatalog, schema: input.schema ?? entry.defaultSchema };
  let classification: Classification;
  try {
    classification = await classify(entry, statement.text, session, user);
  } catch (err) {
    if (err instanceof EngineQueryError) {
      // The engine's parser found the mistake; a statement that cannot be prepared cannot run
      // either, so it is recorded and reported like any failed query, without running it.
      return { ctx, input, entry, statement, classification: { kind: "other", verb: "INVALID", destructive: null }, preflightError: err };
    }
    if (err instanceof StatementRefusedError) {
      countQuery(entry.engine.kind, "refused");
      await auditRefusal(ctx, input.engineId, statement.text, { reason: err.reason });
      throw err;
    }
    if (!(err instanceof UnclassifiableStatementError)) throw err;
    if (!hasRole(user.role, "editor")) {
      countQuery(entry.engine.kind, "refused");
      throw new DomainError("FORBIDDEN", "Viewers may run read-only statements only, and this one could not be checked. Use SELECT, WITH, SHOW, DESCRIBE or EXPLAIN.");
    }
    classification = { kind: "other", verb: "UNKNOWN", destructive: null };
  }

  if (classification.kind !== "read" && !hasRole(user.role, "editor")) {
    countQuery(entry.engine.kind, "refused");
    await auditRefusal(ctx, input.engineId, statement.text, { verb: classification.verb });
    throw new DomainError(
      "FORBIDDEN",
      `Viewers may run read-only statements only (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN); this is ${article(classification.verb)} ${classification.verb} statement. Ask an admin for the editor role.`,
    );
  }
  if (classification.destructive && !input.confirmed) {
    throw new DomainError("PRECONDITION_FAILED", `Please confirm: ${classification.destructive}.`);
  }
  return { ctx, input, entry, statement, classification };
}

/** A statement refused before it ran, with why and the statement itself. */
function auditRefusal(ctx: RequestContext, engineId: string, sql: string, why: { reason: string } | { verb: string }): Promise<void> {
  return recordAudit(ctx.db, { actor: ctx.user, action: "sql.refused", subject: engineId, outcome: "denied", ip: ctx.ip, details: { ...why, sql: excerpt(sql) } });
}

/**
 * What the statement is. The embedded DuckDB judges it in its sandbox for this user's role (files,
 * buckets, functions, statements that would change the shared engine; refusals throw
 * StatementRefusedError); Trino's statements are classified by node-sql-parser, and Trino's own
 * access control applies to them as the user.
 */
async function classify(entry: EngineEntry, sql: string, session: { catalog: string | null; schema: string | null }, user: CurrentUser): Promise<Classification> {
  if (entry.engine.checkStatement) {
    const { kind, verb, destructive } = await entry.engine.checkStatement(sql, session, user.role);
    return { kind, verb, destructive };
  }
  return classifyStatement(sql, entry.engine.kind);
}

/** The message for a statement stopped at its time limit, naming the limit of the user's role. */
export function timeLimitMessage(role: CurrentUser["role"], seconds: number): string {
  const amount =
    seconds % 3600 === 0
      ? `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}`
      : seconds % 60 === 0
        ? `${seconds / 60} minute${seconds === 60 ? "" : "s"}`
        : `${seconds} seconds`;
  return `The query ran longer than ${amount}, the time limit for ${role}s, and was stopped. Narrow it down (a WHERE, a LIMIT) or ask an admin for a longer limit.`;
}

/**
 * Runs a prepared statement, yielding its events. A read statement's result is also written to
 * the result space while it streams, and kept if it completes untruncated.
 */
export async function* executeRun(prepared: PreparedRun, signal: AbortSignal): AsyncGenerator<RunEvent> {
  const { ctx, input, entry, statement, classification } = prepared;
  const { user, db: client } = ctx;
  const started = Date.now();
  const run = await client.queryRun.create({
    data: {
      userId: user.id,
      engineId: input.engineId,
      catalog: input.catalog ?? entry.defaultCatalog,
      schema: input.schema ?? entry.defaultSchema,
      sql: statement.text,
      statementKind: classification.kind,
    },
    select: { id: true },
  });
  const span = startQuerySpan(entry.engine.kind, classification.verb, run.id); // OTLP traces, when configured
  yield { type: "run", runId: run.id, statementKind: classification.kind, verb: classification.verb };

  const space = classification.kind === "read" && !prepared.preflightError ? await resultSpace() : null;
  const keepIn = space && space.retentionMs > 0 ? space : null; // 0: keeping turned off in Admin › Settings
  let writer: ResultWriter | null = null;
  let kept: { key: string; bytes: number; expiresAt: Date } | null = null;
  let rowCount = 0;
  let outcome: { status: "succeeded" | "failed" | "cancelled"; error?: EngineQueryError; truncated?: boolean } = { status: "cancelled" };
  try {
    if (prepared.preflightError) throw prepared.preflightError;
    const timeLimitSeconds = settingValue("sql.timeLimits")[user.role];
    const events = entry.engine.execute({
      sql: statement.text,
      catalog: input.catalog ?? entry.defaultCatalog,
      schema: input.schema ?? entry.defaultSchema,
      limit: input.limit === null ? null : Math.min(input.limit, MAX_ROW_LIMIT),
      user: user.email,
      role: user.role,
      timeLimitSeconds,
      signal,
    });
    for await (const event of events) {
      if (event.type === "started") {
        await client.queryRun.update({ where: { id: run.id }, data: { engineQueryId: event.queryId } });
      } else if (event.type === "columns" && keepIn) {
        writer = new ResultWriter(keepIn.store, keepIn.bucket, resultKey(keepIn, run.id, new Date()), event.columns, keepIn.maxKeptBytes);
      } else if (event.type === "rows") {
        // Counted and kept without decoding a column page (rowCountOf, append takes the event).
        const rows = rowCountOf(event);
        rowCount += rows;
        countRowsStreamed(entry.engine.kind, rows);
        await writer?.append(event);
      } else if (event.type === "finished") {
        outcome = { status: "succeeded", truncated: event.truncated };
        rowCount = event.updateCount ?? event.rowCount;
        if (writer && keepIn && !event.truncated) {
          kept = await keepResult(writer, keepIn, run.id, client);
          if (kept) yield { type: "stored", bytes: kept.bytes, expiresAt: kept.expiresAt.toISOString() };
        }
      }
      yield event;
    }
  } catch (err) {
    let error = err instanceof EngineQueryError ? err : new EngineQueryError("engine", "The engine failed unexpectedly; the error was logged.");
    if (error.details.errorName === "TIME_LIMIT") error = new EngineQueryError("user", timeLimitMessage(user.role, settingValue("sql.timeLimits")[user.role]), error.details);
    if (!(err instanceof EngineQueryError)) logger.error({ err, runId: run.id }, "query failed unexpectedly");
    outcome = { status: error.kind === "cancelled" ? "cancelled" : "failed", error };
    const position = positionInText(input.sql, statement, error.details);
    yield { type: "error", kind: error.kind, message: error.message, ...position, errorName: error.details.errorName };
  } finally {
    // Runs also when the client went away mid-stream (the generator is closed early).
    countQuery(entry.engine.kind, outcome.status === "succeeded" ? "ok" : outcome.status);
    endQuerySpan(span, outcome.status, rowCount, outcome.error?.message);
    if (writer && !kept) await (writer as ResultWriter).abandon();
    const position = outcome.error ? positionInText(input.sql, statement, outcome.error.details) : {};
    await client.queryRun
      .update({
        where: { id: run.id },
        data: {
          status: outcome.status,
          rowCount,
          truncated: outcome.truncated ?? false,
          errorMessage: outcome.error?.message ?? (outcome.status === "cancelled" ? "Cancelled" : null),
          errorLine: position.line ?? null,
          errorColumn: position.column ?? null,
          finishedAt: new Date(),
          durationMs: Date.now() - started,
        },
      })
      .catch((err: unknown) => logger.error({ err, runId: run.id }, "could not record the end of a query run"));
    if (classification.kind !== "read" && !prepared.preflightError) {
      await recordAudit(client, {
        actor: user,
        action: "sql.executed",
        subject: input.engineId,
        outcome: outcome.status === "succeeded" ? "success" : "failure",
        ip: ctx.ip,
        details: { runId: run.id, verb: classification.verb, sql: excerpt(statement.text), status: outcome.status },
      }).catch((err: unknown) => logger.error({ err, runId: run.id }, "could not audit a statement"));
    }
    // A statement that wrote becomes lineage (server/lineage/portal-producer-statement.ts), in the background: it never fails or delays the run.
    if (outcome.status === "succeeded" && classification.kind !== "read") {
      const session = { catalog: input.catalog ?? entry.defaultCatalog, schema: input.schema ?? entry.defaultSchema };
      recordStatementLineageLater({
        ctx,
        input: { queryRunId: run.id, engineId: input.engineId, sql: statement.text, ...session, startedAt: new Date(started), finishedAt: new Date() },
      });
    }
  }
}

/**
 * Completes the kept copy of a result and records it on the run, before the `stored` event
 * promises it (a download may follow at once). A result that cannot be kept is only logged: the
 * query itself succeeded. An object stored but not recorded is removed by the retention sweep.
 */
async function keepResult(writer: ResultWriter, space: ResultSpace, runId: string, client: Db): Promise<{ key: string; bytes: number; expiresAt: Date } | null> {
  try {
    const { bytes } = await writer.commit();
    const kept = { key: writer.key, bytes, expiresAt: new Date(Date.now() + space.retentionMs) };
    await client.queryRun.update({ where: { id: runId }, data: { resultKey: kept.key, resultBytes: BigInt(kept.bytes), resultExpiresAt: kept.expiresAt } });
    return kept;
  } catch (err) {
    if (err instanceof ResultTooLargeError) logger.info({ runId, maxBytes: err.maxBytes }, "result too large to keep; a download will run the statement again");
    else logger.warn({ err, runId }, "could not keep a query result; a download will run the statement again");
    await writer.abandon();
    return null;
  }
}

/** Moves a 1-based line/column inside `statement.text` to the same place in the submitted text. */
export function positionInText(sql: string, statement: SqlStatement, details: { line?: number; column?: number }): { line?: number; column?: number } {
  if (!details.line) return {};
  const before = sql.slice(0, statement.start);
  const lineOffset = before.split("\n").length - 1;
  const columnOffset = details.line === 1 ? before.length - (before.lastIndexOf("\n") + 1) : 0;
  return { line: details.line + lineOffset, column: (details.column ?? 1) + columnOffset };
}

function excerpt(sql: string): string {
  return sql.length > 2_000 ? `${sql.slice(0, 2_000)}…` : sql;
}

function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? "an" : "a";
}
