// OpenTelemetry traces over OTLP/HTTP, only when OTEL_EXPORTER_OTLP_ENDPOINT is set. Then the
// process registers a tracer provider (batching spans to <endpoint>/v1/traces, as the OTLP
// specification builds a signal's URL from the generic endpoint) with the W3C trace-context
// propagator and an AsyncLocalStorage context manager; the spans of spans.ts, and Next.js's own,
// go there. Without the variable the SDK is never even loaded: the @opentelemetry/api calls of
// spans.ts are skipped, and the rest of the API is its built-in no-op.
import { activeTracing as active } from "./state";

export { tracingEnabled } from "./state";

export type TracingOptions = {
  endpoint: string | undefined;
  serviceName?: string;
  serviceVersion?: string;
  /** OTEL_RESOURCE_ATTRIBUTES, parsed (pod, namespace, node…); the service name above wins over theirs. */
  resourceAttributes?: Record<string, string>;
  /** Milliseconds between batch exports (the SDK's default is 5 s; tests use less). */
  exportDelayMs?: number;
};

export type Tracing = { readonly enabled: boolean; /** Exports what is still buffered, then stops. */ stop(): Promise<void> };

const OFF: Tracing = { enabled: false, stop: async () => {} };

export async function startTracing(options: TracingOptions): Promise<Tracing> {
  if (!options.endpoint) return OFF;
  if (active.value) throw new Error("Tracing is already started in this process.");
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION }] = await Promise.all([
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/semantic-conventions"),
  ]);
  const exporter = new OTLPTraceExporter({ url: tracesUrl(options.endpoint) });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      ...options.resourceAttributes,
      // OTEL_SERVICE_NAME, else a service.name among the attributes, else ours (the specification's order).
      [ATTR_SERVICE_NAME]: options.serviceName ?? options.resourceAttributes?.[ATTR_SERVICE_NAME] ?? "lakehouse-portal",
      ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}),
    }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: options.exportDelayMs ?? 5_000 })],
  });
  provider.register();
  const { trace, context, propagation } = await import("@opentelemetry/api");
  const stop = async () => {
    if (active.value !== handle) return;
    active.value = undefined;
    await provider.shutdown();
    // Unregistered, so that a later start (tests) registers its own provider.
    trace.disable();
    context.disable();
    propagation.disable();
  };
  const handle = { stop };
  active.value = handle;
  return { enabled: true, stop };
}

/** "http://collector:4318" → "http://collector:4318/v1/traces" (a path in the endpoint is kept). */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, "")}/v1/traces`;
}
