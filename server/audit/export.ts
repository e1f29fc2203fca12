// Export of the filtered audit log as CSV or NDJSON, streamed: batches of events are read by
// keyset (id descending) only as fast as the client downloads them (a pulled ReadableStream), so
// a million-row export holds one batch in memory. The export itself is audited first, and only
// events older than that audit row are exported, so the file is a consistent snapshot of the
// filter at the moment it was asked for (events written meanwhile are not half-included).
// CSV cells go through server/sql/csv-cell.ts: a subject or detail starting with = + - @ cannot
// run as a formula in a spreadsheet.
import type { Db } from "../db/client";
import type { RequestContext } from "../handler";
import { csvCell } from "../sql/csv-cell";
import { logger } from "../logger";
import { recordAuditWithId } from "./audit";
import { auditWhere } from "./filters";
import { readableSubjects } from "./subjects";
import type { AuditFilter } from "./schemas";

export const EXPORT_BATCH = 1_000;
export type ExportFormat = "csv" | "ndjson";

export const EXPORT_COLUMNS = ["id", "at", "actor", "action", "subject", "subject_name", "outcome", "ip", "details"] as const;

export type ExportRow = {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  subject_name: string | null;
  outcome: string;
  ip: string | null;
  details: unknown;
};

/** The rows of the filter, newest first, up to (not including) event `beforeId`. */
export async function* exportRows(client: Db, filter: AuditFilter, beforeId: bigint): AsyncGenerator<ExportRow[]> {
  const where = auditWhere(filter);
  let cursor = beforeId;
  for (;;) {
    const batch = await client.auditEvent.findMany({ where: { AND: [where, { id: { lt: cursor } }] }, orderBy: { id: "desc" }, take: EXPORT_BATCH });
    if (batch.length === 0) return;
    const names = await readableSubjects(
      client,
      batch.map((e) => e.subject),
    );
    yield batch.map((e) => ({
      id: e.id.toString(),
      at: e.at.toISOString(),
      actor: e.actorEmail,
      action: e.action,
      subject: e.subject,
      subject_name: (e.subject && names.get(e.subject)?.label) || null,
      outcome: e.outcome,
      ip: e.ip,
      details: e.details ?? null,
    }));
    if (batch.length < EXPORT_BATCH) return;
    cursor = batch.at(-1)!.id;
  }
}

export function encodeRows(format: ExportFormat, rows: ExportRow[]): string {
  if (format === "ndjson") return rows.map((r) => JSON.stringify(r) + "\n").join("");
  return rows.map((r) => EXPORT_COLUMNS.map((c) => csvCell(c === "details" ? (r.details === null ? null : JSON.stringify(r.details)) : r[c])).join(",") + "\r\n").join("");
}

export const CSV_HEADER = EXPORT_COLUMNS.join(",") + "\r\n";

/** Audits the export and answers with the streamed file. */
export async function exportAuditLog(ctx: RequestContext, input: { format: ExportFormat; filter: AuditFilter }, signal?: AbortSignal): Promise<Response> {
  const auditId = await recordAuditWithId(ctx.db, {
    actor: ctx.user,
    action: "audit.exported",
    subject: "audit log",
    outcome: "success",
    ip: ctx.ip,
    details: { format: input.format, filter: JSON.parse(JSON.stringify(input.filter)) as Record<string, string> },
  });
  const batches = exportRows(ctx.db, input.filter, auditId);
  const bytes = new TextEncoder();
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started && input.format === "csv") {
        started = true;
        controller.enqueue(bytes.encode(CSV_HEADER));
        return;
      }
      started = true;
      if (signal?.aborted) {
        await batches.return(undefined);
        controller.close();
        return;
      }
      try {
        const { value, done } = await batches.next();
        if (done) controller.close();
        else controller.enqueue(bytes.encode(encodeRows(input.format, value)));
      } catch (err) {
        logger.warn({ err: err instanceof Error ? err.message : String(err) }, "audit export failed mid-stream");
        controller.error(err);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": input.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${stamp}.${input.format === "csv" ? "csv" : "ndjson"}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
