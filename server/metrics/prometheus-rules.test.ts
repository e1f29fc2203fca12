// deploy/prometheus/ checked by Debian's promtool: the rules parse, the configuration is valid,
// and portal-alerts.test.yml shows each alert firing on bad series and quiet on healthy ones.
// The rules may only use metric names the portal exports (read from the live registry).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exportedSampleNames, portalNamesIn } from "./testing/exported-names";

const DIR = path.resolve(import.meta.dirname, "../../deploy/prometheus");
const promtool = spawnSync("promtool", ["--version"], { encoding: "utf8" });
const missing = promtool.error ? "promtool is not installed (Debian's prometheus package; scripts/prepare-test-machine.sh installs it as root)" : null;
if (missing) console.warn(`SKIPPED deploy/prometheus checks: ${missing}.`);

type Rule = { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
const rules = (parse(readFileSync(path.join(DIR, "portal-alerts.yml"), "utf8")) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

function run(args: string[], cwd = DIR): string {
  return execFileSync("promtool", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe.skipIf(missing !== null)("deploy/prometheus with promtool", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "portal-prometheus-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("the alerting rules are valid", () => {
    expect(run(["check", "rules", "portal-alerts.yml"])).toMatch(/SUCCESS: 6 rules found/);
  });

  it("the Prometheus configuration is valid with its rules and a token file beside it", () => {
    for (const file of ["prometheus.yml", "portal-alerts.yml"]) copyFileSync(path.join(DIR, file), path.join(scratch, file));
    writeFileSync(path.join(scratch, "portal-metrics-token"), "a-scrape-token\n");
    expect(run(["check", "config", "prometheus.yml"], scratch)).toMatch(/SUCCESS: 1 rule files found/);
  });

  it("every alert fires on bad series and stays quiet on healthy ones (promtool test rules)", () => {
    const result = spawnSync("promtool", ["test", "rules", "portal-alerts.test.yml"], { cwd: DIR, encoding: "utf8" });
    expect(result.stdout + result.stderr).toMatch(/SUCCESS/);
    expect(result.status).toBe(0);
  });

  it("each alert has a unit test that expects it to fire", () => {
    const tests = readFileSync(path.join(DIR, "portal-alerts.test.yml"), "utf8");
    const spec = parse(tests) as { tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[] };
    const fired = new Set(
      spec.tests
        .flatMap((t) => t.alert_rule_test ?? [])
        .filter((t) => t.exp_alerts.length > 0)
        .map((t) => t.alertname),
    );
    const quiet = new Set(
      spec.tests
        .flatMap((t) => t.alert_rule_test ?? [])
        .filter((t) => t.exp_alerts.length === 0)
        .map((t) => t.alertname),
    );
    for (const rule of rules.filter((r) => r.alert)) {
      expect(fired, `${rule.alert} fires in a test`).toContain(rule.alert);
      if (rule.alert !== "PortalAbsent") expect(quiet, `${rule.alert} stays quiet in a test`).toContain(rule.alert);
    }
  });
});

describe("the alerting rules", () => {
  it("use only metric names the portal exports, and say how severe and what to do", async () => {
    const exported = await exportedSampleNames();
    for (const rule of rules) {
      for (const name of portalNamesIn(rule.expr)) expect(exported, `${rule.alert}: ${name}`).toContain(name);
      expect(["critical", "warning"], `${rule.alert} severity`).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, `${rule.alert} summary`).toBeTruthy();
      expect(rule.annotations?.description, `${rule.alert} description`).toBeTruthy();
    }
  });
});
