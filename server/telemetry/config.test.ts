// OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME are validated with the rest of the
// configuration (server/config/env.ts): a wrong value stops start-up naming the variable.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config/env";

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("the tracing settings", () => {
  it("are off by default, and an empty value is no value", () => {
    expect(loadConfig({}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "  " }).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });

  it("take an http(s) collector URL and a service name", () => {
    const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector:4318", OTEL_SERVICE_NAME: "portal-eu" });
    expect(config).toMatchObject({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector:4318", OTEL_SERVICE_NAME: "portal-eu" });
  });

  it.each(["otel-collector:4318", "grpc://otel-collector:4317", "not a url"])("refuse %s, naming the variable", (endpoint) => {
    expect(problemsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })).toEqual([
      { variable: "OTEL_EXPORTER_OTLP_ENDPOINT", message: expect.stringContaining("http:// or https:// URL") as string },
    ]);
  });
});
