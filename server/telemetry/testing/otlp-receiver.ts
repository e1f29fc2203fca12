// An OTLP/HTTP trace receiver on loopback for tests: takes POST /v1/traces in OTLP's JSON encoding
// (what @opentelemetry/exporter-trace-otlp-http sends), answers 200 as a collector does, and keeps
// the spans flattened with their resource's service name. No Playwright or vitest imports, so
// the e2e spec and the unit tests share it.
import http from "node:http";
import type { AddressInfo } from "node:net";

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpAttribute = { key: string; value: OtlpValue };
type OtlpSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttribute[]; status?: { code?: number; message?: string } };
type OtlpExport = { resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[] }[] };

export type ReceivedSpan = {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** OTLP's SpanKind: 2 server, 3 client. */
  kind: number;
  service: string | null;
  /** Every attribute of the span's resource (service.name, k8s.pod.name…). */
  resource: Record<string, string | number | boolean>;
  scope: string | null;
  attributes: Record<string, string | number | boolean>;
  statusCode: number;
};

export type OtlpReceiver = { url: string; spans: ReceivedSpan[]; requests: { path: string; contentType: string | undefined }[]; close(): Promise<void> };

function valueOf(value: OtlpValue): string | number | boolean {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  return value.boolValue ?? "";
}

function attributesOf(list: OtlpAttribute[] | undefined): Record<string, string | number | boolean> {
  return Object.fromEntries((list ?? []).map((a) => [a.key, valueOf(a.value)]));
}

export async function startOtlpReceiver(port = 0): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const requests: OtlpReceiver["requests"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ path: req.url ?? "", contentType: req.headers["content-type"] });
      if (req.method !== "POST" || req.url !== "/v1/traces") return void res.writeHead(404).end();
      let body: OtlpExport;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as OtlpExport;
      } catch {
        return void res.writeHead(400).end();
      }
      for (const resourceSpans of body.resourceSpans ?? []) {
        const resource = attributesOf(resourceSpans.resource?.attributes);
        const service = resource["service.name"];
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          for (const span of scopeSpans.spans ?? []) {
            spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId || null,
              name: span.name,
              kind: span.kind,
              service: typeof service === "string" ? service : null,
              resource,
              scope: scopeSpans.scope?.name ?? null,
              attributes: attributesOf(span.attributes),
              statusCode: span.status?.code ?? 0,
            });
          }
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
