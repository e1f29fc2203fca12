// OTLP traces: with OTEL_EXPORTER_OTLP_ENDPOINT's value the portal's request and query spans reach
// a real OTLP/HTTP receiver on loopback (decoded from the export), continued from the caller's
// traceparent and nested; without it nothing is started and no span is made.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { trace } from "@opentelemetry/api";
import { startTracing, tracesUrl, tracingEnabled, type Tracing } from "./tracing";
import { endQuerySpan, startQuerySpan, traceRequest } from "./spans";
import { startOtlpReceiver, type OtlpReceiver } from "./testing/otlp-receiver";

let tracing: Tracing | undefined;
let receiver: OtlpReceiver | undefined;
let server: http.Server | undefined;
afterEach(async () => {
  await tracing?.stop();
  await receiver?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  tracing = receiver = server = undefined;
});

/** A server whose requests run through traceRequest; a request to /sql runs a "statement" inside. */
async function tracedServer(): Promise<string> {
  server = http.createServer((req, res) =>
    traceRequest(req, res, () => {
      if (!req.url?.startsWith("/sql")) return void res.writeHead(500).end("broken");
      const span = startQuerySpan("duckdb", "SELECT", "run-1");
      setTimeout(() => {
        endQuerySpan(span, "succeeded", 42);
        res.writeHead(200).end("ok");
      }, 5);
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("tracing", () => {
  it("builds the traces URL from the generic OTLP endpoint, as the specification says", () => {
    expect(tracesUrl("http://collector:4318")).toBe("http://collector:4318/v1/traces");
    expect(tracesUrl("https://otel.example.com/ingest/")).toBe("https://otel.example.com/ingest/v1/traces");
  });

  it("is off without an endpoint: nothing registered, no span made, requests served as before", async () => {
    tracing = await startTracing({ endpoint: undefined });
    expect(tracing.enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    expect(startQuerySpan("duckdb", "SELECT", "run-1")).toBeUndefined();
    const url = await tracedServer();
    expect((await fetch(`${url}/sql?x=1`)).status).toBe(200);
    // The API's global provider is still the built-in no-op: no tracer records anything.
    expect(trace.getTracer("probe").startSpan("probe").isRecording()).toBe(false);
  });

  it("exports request and query spans over OTLP/HTTP, continued from the caller's traceparent", async () => {
    receiver = await startOtlpReceiver();
    tracing = await startTracing({ endpoint: receiver.url, serviceName: "portal-under-test", exportDelayMs: 50 });
    expect(tracingEnabled()).toBe(true);
    const url = await tracedServer();
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const response = await fetch(`${url}/sql?token=secret-in-query`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    expect(response.status).toBe(200);
    expect((await fetch(`${url}/wp-login.php`)).status).toBe(500);
    await tracing.stop(); // flushes the batch

    expect(receiver.requests.every((r) => r.path === "/v1/traces" && r.contentType === "application/json")).toBe(true);
    const request = receiver.spans.find((s) => s.name === "GET /sql");
    const query = receiver.spans.find((s) => s.name === "SELECT duckdb");
    expect(request).toMatchObject({
      traceId,
      parentSpanId: "00f067aa0ba902b7",
      kind: 2,
      service: "portal-under-test",
      attributes: { "http.request.method": "GET", "http.route": "/sql", "http.response.status_code": 200, "url.path": "/sql" },
    });
    expect(JSON.stringify(receiver.spans)).not.toContain("secret-in-query");
    expect(query).toMatchObject({
      traceId,
      parentSpanId: request!.spanId,
      kind: 3,
      attributes: { "db.system.name": "duckdb", "db.operation.name": "SELECT", "portal.query.outcome": "succeeded", "db.response.returned_rows": 42 },
    });
    // A server error is an error span, under the bounded route label (scanners add no names).
    const failed = receiver.spans.find((s) => s.attributes["url.path"] === "/wp-login.php");
    expect(failed).toMatchObject({ name: "GET (other)", statusCode: 2, attributes: { "http.response.status_code": 500 } });
  });
});
