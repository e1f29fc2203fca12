// AIRFLOW_* configuration: validated with messages that name the variable, and turned into the
// adapter with the right authentication (or none at all without AIRFLOW_URL).
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config/env";
import { orchestratorFromConfig } from "./configured";

function problems(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe("AIRFLOW_* configuration", () => {
  it("is optional: without AIRFLOW_URL there is no orchestrator", () => {
    expect(orchestratorFromConfig(loadConfig({}))).toBeNull();
  });

  it("names what is wrong", () => {
    expect(problems({ AIRFLOW_URL: "ftp://airflow" })).toEqual([{ variable: "AIRFLOW_URL", message: "must be an http:// or https:// URL such as https://airflow.example.com" }]);
    expect(problems({ AIRFLOW_URL: "https://airflow.example.com", AIRFLOW_USERNAME: "portal" })).toEqual([
      { variable: "AIRFLOW_PASSWORD", message: "must be set together with the other Airflow credential variable (HTTP basic authentication)" },
    ]);
    expect(problems({ AIRFLOW_URL: "https://airflow.example.com", AIRFLOW_USERNAME: "p", AIRFLOW_PASSWORD: "q", AIRFLOW_TOKEN: "t" })).toEqual([
      { variable: "AIRFLOW_TOKEN", message: "set either AIRFLOW_TOKEN (bearer) or AIRFLOW_USERNAME/AIRFLOW_PASSWORD (basic), not both" },
    ]);
    expect(problems({ AIRFLOW_TOKEN: "t" })).toEqual([{ variable: "AIRFLOW_TOKEN", message: "has no effect without AIRFLOW_URL: set AIRFLOW_URL or remove it" }]);
    expect(problems({ AIRFLOW_URL: "https://airflow.example.com", AIRFLOW_API_VERSION: "v2" })).toEqual([
      { variable: "AIRFLOW_API_VERSION", message: "v2 (Airflow 3) is not supported yet: point AIRFLOW_URL at an Airflow 2.x webserver (/api/v1)" },
    ]);
    expect(problems({ AIRFLOW_URL: "https://airflow.example.com", AIRFLOW_API_VERSION: "v7" })[0]?.variable).toBe("AIRFLOW_API_VERSION");
  });

  it("builds the adapter with the namespace, at the webserver's root", () => {
    const configured = orchestratorFromConfig(loadConfig({ AIRFLOW_URL: "https://airflow.example.com/api/v1/", AIRFLOW_TOKEN: "t", AIRFLOW_NAMESPACE: "prod" }));
    expect(configured?.namespace).toBe("prod");
    expect(configured?.orchestrator.webUrl).toBe("https://airflow.example.com");
  });
});
