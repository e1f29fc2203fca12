// OTEL_RESOURCE_ATTRIBUTES: validated with the rest of the configuration (a malformed pair stops
// start-up naming the variable, where the SDK would drop every attribute silently), and what it
// names reaches the collector on every span's resource, beside the service name.
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config/env";
import { startTracing, type Tracing } from "./tracing";
import { endQuerySpan, startQuerySpan } from "./spans";
import { startOtlpReceiver, type OtlpReceiver } from "./testing/otlp-receiver";

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

let tracing: Tracing | undefined;
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await tracing?.stop();
  await receiver?.close();
  tracing = receiver = undefined;
});

describe("OTEL_RESOURCE_ATTRIBUTES", () => {
  it("is empty when unset or blank", () => {
    expect(loadConfig({}).OTEL_RESOURCE_ATTRIBUTES).toEqual({});
    expect(loadConfig({ OTEL_RESOURCE_ATTRIBUTES: " " }).OTEL_RESOURCE_ATTRIBUTES).toEqual({});
  });

  it("takes comma-separated key=value pairs, trimmed and percent-decoded", () => {
    const config = loadConfig({ OTEL_RESOURCE_ATTRIBUTES: "k8s.pod.name=portal-7d9f-x2b, k8s.namespace.name=lakehouse,,team=data%2Cplatform,note=a%3Db" });
    expect(config.OTEL_RESOURCE_ATTRIBUTES).toEqual({ "k8s.pod.name": "portal-7d9f-x2b", "k8s.namespace.name": "lakehouse", team: "data,platform", note: "a=b" });
  });

  it.each([
    ["k8s.pod.name", "must be key=value"],
    ["a=b=c", "must be key=value"],
    ["=lakehouse", "empty key"],
    ["team=100%", "percent-encoded"],
    [`k=${"x".repeat(256)}`, "at most 255 characters"],
    ["k8s.pod.name=$(POD_NAME)", "unexpanded Kubernetes variable reference"],
  ])("refuses %s, naming the variable", (value, message) => {
    expect(problemsOf({ OTEL_RESOURCE_ATTRIBUTES: `service.namespace=lakehouse,${value}` })).toEqual([
      { variable: "OTEL_RESOURCE_ATTRIBUTES", message: expect.stringContaining(message) as string },
    ]);
  });

  it("puts its attributes on every exported span's resource; OTEL_SERVICE_NAME wins over a service.name among them", async () => {
    receiver = await startOtlpReceiver();
    const { OTEL_RESOURCE_ATTRIBUTES: resourceAttributes } = loadConfig({
      OTEL_RESOURCE_ATTRIBUTES: "k8s.pod.name=portal-abc,k8s.namespace.name=lakehouse,service.name=from-attributes",
    });
    tracing = await startTracing({ endpoint: receiver.url, serviceName: "portal-eu", resourceAttributes, exportDelayMs: 50 });
    endQuerySpan(startQuerySpan("duckdb", "SELECT", "run-1"), "succeeded", 1);
    await tracing.stop();

    const span = receiver.spans.find((s) => s.name === "SELECT duckdb");
    expect(span?.resource).toMatchObject({ "service.name": "portal-eu", "k8s.pod.name": "portal-abc", "k8s.namespace.name": "lakehouse" });
  });

  it("without OTEL_SERVICE_NAME, a service.name among the attributes names the service", async () => {
    receiver = await startOtlpReceiver();
    tracing = await startTracing({ endpoint: receiver.url, resourceAttributes: { "service.name": "from-attributes" }, exportDelayMs: 50 });
    endQuerySpan(startQuerySpan("duckdb", "SELECT", "run-1"), "succeeded", 1);
    await tracing.stop();
    expect(receiver.spans.find((s) => s.name === "SELECT duckdb")?.service).toBe("from-attributes");
  });
});
