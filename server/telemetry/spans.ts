// The portal's own spans: one per HTTP request (server/main.ts) and one per workbench statement
// (server/sql/run-query.ts). Each function returns at once when tracing is off (tracing.ts), so
// a portal without OTEL_EXPORTER_OTLP_ENDPOINT pays one boolean test per request.
import type { IncomingMessage, ServerResponse } from "node:http";
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import { routeLabel } from "../metrics/registry";
import { tracingEnabled } from "./state";

const TRACER = "lakehouse-portal";

/**
 * Runs `handle` inside a server span for the request: continued from the caller's `traceparent`
 * when it sends one, named and labelled by the same bounded route as the metrics when the
 * response ends (the query string is never recorded: it may hold tokens).
 */
export function traceRequest<T>(req: IncomingMessage, res: ServerResponse, handle: () => T): T {
  if (!tracingEnabled()) return handle();
  const method = req.method ?? "GET";
  const pathname = (req.url ?? "/").split("?")[0]!;
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = trace.getTracer(TRACER).startSpan(method, { kind: SpanKind.SERVER, attributes: { "http.request.method": method, "url.path": pathname.slice(0, 2_000) } }, parent);
  res.once("close", () => {
    const route = routeLabel(pathname, res.statusCode);
    span.updateName(`${method} ${route}`);
    span.setAttributes({ "http.route": route, "http.response.status_code": res.statusCode });
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    if (!res.writableFinished) span.setAttribute("portal.response.aborted", true); // the client left before the end
    span.end();
  });
  return context.with(trace.setSpan(parent, span), handle);
}

/** A span for one workbench statement on an engine; undefined when tracing is off. */
export function startQuerySpan(engine: string, verb: string, runId: string): Span | undefined {
  if (!tracingEnabled()) return undefined;
  return trace.getTracer(TRACER).startSpan(`${verb} ${engine}`, {
    kind: SpanKind.CLIENT,
    attributes: { "db.system.name": engine, "db.operation.name": verb, "portal.query.run_id": runId },
  });
}

/** Ends a statement's span with its outcome, rows and (for a failure) the message users saw. */
export function endQuerySpan(span: Span | undefined, outcome: string, rows: number, error?: string): void {
  if (!span) return;
  span.setAttributes({ "portal.query.outcome": outcome, "db.response.returned_rows": rows });
  if (outcome === "failed") span.setStatus({ code: SpanStatusCode.ERROR, message: error?.slice(0, 500) });
  span.end();
}
