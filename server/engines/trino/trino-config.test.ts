import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../config/env";
import { trinoEngineConfig } from "./trino-config";

function problems(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("Trino configuration", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "trino-config-"));
  const caFile = path.join(dir, "ca.pem");
  writeFileSync(caFile, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("offers no Trino engine without TRINO_URL", () => {
    expect(trinoEngineConfig(loadConfig({}))).toBeNull();
  });

  it("builds the engine settings: session, service account, CA and source", () => {
    const config = loadConfig({
      TRINO_URL: "https://trino.example.com:8443",
      TRINO_CATALOG: "iceberg",
      TRINO_SCHEMA: "curated",
      TRINO_USER: "portal-svc",
      TRINO_PASSWORD: "s3cret",
      TRINO_CA_FILE: caFile,
    });
    const engine = trinoEngineConfig(config)!;
    expect(engine).toMatchObject({
      url: "https://trino.example.com:8443",
      catalog: "iceberg",
      schema: "curated",
      source: "lakehouse-portal",
      auth: { user: "portal-svc", password: "s3cret" },
    });
    expect(String(engine.ssl?.ca)).toContain("BEGIN CERTIFICATE");
    expect(engine.ssl?.rejectUnauthorized).toBeUndefined();
    expect(trinoEngineConfig(loadConfig({ TRINO_URL: "https://t.example.com", TRINO_TLS_INSECURE: "true", TRINO_SOURCE: "portal-eu" }))).toMatchObject({
      ssl: { rejectUnauthorized: false },
      source: "portal-eu",
      auth: null,
    });
  });

  it("names the variable that is wrong", () => {
    expect(problems({ TRINO_URL: "trino:8080" })).toEqual([expect.objectContaining({ variable: "TRINO_URL", message: expect.stringMatching(/http/) })]);
    expect(problems({ TRINO_CATALOG: "iceberg" })).toEqual([expect.objectContaining({ variable: "TRINO_CATALOG", message: expect.stringMatching(/TRINO_URL/) })]);
    expect(problems({ TRINO_URL: "http://t:8080", TRINO_SCHEMA: "curated" })).toEqual([expect.objectContaining({ variable: "TRINO_CATALOG" })]);
    expect(problems({ TRINO_URL: "http://t:8080", TRINO_PASSWORD: "x" })).toEqual([expect.objectContaining({ variable: "TRINO_USER" })]);
    expect(problems({ TRINO_URL: "http://t:8080", TRINO_CA_FILE: caFile })).toEqual([
      expect.objectContaining({ variable: "TRINO_CA_FILE", message: expect.stringMatching(/https/) }),
    ]);
    expect(problems({ TRINO_URL: "https://t:8443", TRINO_CA_FILE: path.join(dir, "missing.pem") })).toEqual([
      expect.objectContaining({ variable: "TRINO_CA_FILE", message: expect.stringMatching(/no such file/) }),
    ]);
    expect(problems({ TRINO_URL: "https://t:8443", TRINO_TLS_INSECURE: "maybe" })).toEqual([expect.objectContaining({ variable: "TRINO_TLS_INSECURE" })]);
  });
});
