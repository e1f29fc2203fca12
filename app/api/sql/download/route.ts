// POST /api/sql/download (form or JSON: engineId, sql, catalog?, schema?, format=csv|json) —
// runs the statement and streams every row as a file. The engine is read as fast as the
// browser downloads (pulled stream), so server memory stays flat for any size. Errors before
// the first row answer with an HTTP error; a failure mid-file aborts the download.
import { z } from "zod";
import { executeRun, prepareRun, type RunEvent } from "@/server/workbench/run-query";
import { engineId } from "@/server/workbench/schemas";
import { CONTENT_TYPES, createEncoder } from "@/server/workbench/result-formats";
import { errorResponse, jsonError, withAuth } from "@/server/http/with-auth";
import { logger } from "@/server/logger";

export const dynamic = "force-dynamic";

const downloadInput = z.object({
  engineId,
  sql: z.string().max(5_000_000),
  catalog: z.string().trim().max(200).optional().transform((v) => v || null),
  schema: z.string().trim().max(200).optional().transform((v) => v || null),
  format: z.enum(["csv", "json"], "must be csv or json"),
  confirmed: z.literal("true").optional(),
});

export const POST = withAuth(async (req, { user }) => {
  const contentType = req.headers.get("content-type") ?? "";
  const raw = contentType.includes("application/json") ? await req.json().catch(() => null) : Object.fromEntries((await req.formData().catch(() => new FormData())).entries());
  const parsed = downloadInput.safeParse(raw);
  if (!parsed.success) return jsonError(400, `Invalid input: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const { format, confirmed, ...rest } = parsed.data;

  let prepared;
  try {
    prepared = await prepareRun(user, { ...rest, limit: null, confirmed: confirmed === "true" });
  } catch (err) {
    return errorResponse(err, req);
  }

  const events = executeRun(prepared, req.signal);
  // Read up to the column list (or the error) before answering, so failures get a status code.
  let columns: Extract<RunEvent, { type: "columns" }>["columns"] | null = null;
  while (!columns) {
    const { value, done } = await events.next();
    if (done) return jsonError(500, "The query ended without a result.");
    if (value.type === "error") return jsonError(value.kind === "user" ? 400 : value.kind === "unavailable" ? 503 : 500, value.message);
    if (value.type === "columns") columns = value.columns;
  }
  const encoder = createEncoder(format, columns);
  const bytes = new TextEncoder();
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(bytes.encode(encoder.header()));
        return;
      }
      const { value, done } = await events.next();
      if (done) {
        controller.enqueue(bytes.encode(encoder.footer()));
        controller.close();
      } else if (value.type === "rows") {
        controller.enqueue(bytes.encode(encoder.rows(value.rows)));
      } else if (value.type === "error") {
        logger.warn({ message: value.message }, "download failed mid-stream");
        controller.error(new Error(value.message));
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="query-${stamp}.${format}"`,
      "cache-control": "no-store",
    },
  });
}, { role: "viewer" });
