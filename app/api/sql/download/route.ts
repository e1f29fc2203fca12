// POST /api/sql/download (form or JSON) — streams a whole result as a CSV, JSON or Parquet file.
//   { runId, format }          a run of yours: read from its kept result when there is one, so
//                              the statement does not run again on the engine; otherwise (not
//                              kept, truncated, expired) the statement runs again for all rows.
//   { engineId, sql, catalog?, schema?, format, confirmed? }   runs the statement for the file.
// The answer says which in `x-result-source: stored | engine`. Rows are read as fast as the
// browser downloads (pulled stream), so server memory stays flat for any size. Errors before the
// first row answer with an HTTP error; a failure mid-file aborts the download. Parquet needs its
// footer last: DuckDB writes the file first (server/sql/results/parquet-file.ts), then it streams.
import { downloadInput } from "@/server/sql/schemas";
import { CONTENT_TYPES, createEncoder, type TextFormat } from "@/server/sql/result-formats";
import { parquetOf } from "@/server/sql/results/parquet-file";
import { rowsOfRun, rowsOfStatement, type ResultRows } from "@/server/sql/results/result-source";
import { EngineQueryError } from "@/server/engines/query-engine";
import { errorResponse, jsonError, withAuth } from "@/server/http/with-auth";
import { logger } from "@/server/logger";

export const dynamic = "force-dynamic";

export const POST = withAuth(
  async (req, { user, ip, db, input }) => {
    const ctx = { user, ip, db };
    let result: ResultRows;
    try {
      if ("runId" in input) {
        result = await rowsOfRun({ ctx, input, signal: req.signal });
      } else {
        const { format: _format, ...statement } = input;
        result = await rowsOfStatement({ ctx, input: { ...statement, limit: null }, signal: req.signal });
      }
    } catch (err) {
      if (err instanceof EngineQueryError) return jsonError(502, err.message);
      return errorResponse(err, req);
    }

    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
    const headers = {
      "content-type": CONTENT_TYPES[input.format],
      "content-disposition": `attachment; filename="query-${stamp}.${input.format}"`,
      "cache-control": "no-store",
      "x-result-source": result.source,
    };
    if (input.format === "parquet") {
      try {
        const file = await parquetOf(result.columns, result.pages, req.signal);
        return new Response(file.body, { headers: { ...headers, "content-length": String(file.bytes) } });
      } catch (err) {
        await result.pages.return(undefined);
        if (req.signal.aborted) return new Response(null, { status: 499 });
        logger.warn({ err: err instanceof Error ? err.message : String(err) }, "writing a Parquet download failed");
        if (err instanceof EngineQueryError) return jsonError(502, err.message);
        return jsonError(500, "The result could not be written as Parquet; the error was logged. Download it as CSV or JSON instead.");
      }
    }
    return textDownload(input.format, result, headers);
  },
  { role: "viewer", scope: "read", form: downloadInput },
);

/** CSV or JSON, encoded page by page as the client reads. */
function textDownload(format: TextFormat, result: ResultRows, headers: Record<string, string>): Response {
  const encoder = createEncoder(format, result.columns);
  const bytes = new TextEncoder();
  const { pages } = result;
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(bytes.encode(encoder.header()));
        return;
      }
      try {
        const { value, done } = await pages.next();
        if (done) {
          controller.enqueue(bytes.encode(encoder.footer()));
          controller.close();
        } else {
          controller.enqueue(bytes.encode(encoder.rows(value)));
        }
      } catch (err) {
        logger.warn({ err: err instanceof Error ? err.message : String(err) }, "download failed mid-stream");
        controller.error(err);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  return new Response(stream, { headers });
}
