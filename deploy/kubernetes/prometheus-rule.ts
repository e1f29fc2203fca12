// The production overlay's PrometheusRule (Prometheus Operator) is generated from
// deploy/prometheus/portal-alerts.yml, the file promtool checks and tests, so the cluster runs
// exactly the rules that were tested. Regenerate after editing the rules:
//   npx tsx deploy/kubernetes/prometheus-rule.ts          (writes overlays/production/prometheusrule.yaml)
//   npx tsx deploy/kubernetes/prometheus-rule.ts --check  (exit 1 when the two differ)
// server/lifecycle/kubernetes-manifests.test.ts fails when they differ, so they cannot drift.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parse, stringify } from "yaml";
import type { KubeObject } from "./render";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ALERTS_FILE = path.resolve(HERE, "../prometheus/portal-alerts.yml");
export const RULE_FILE = path.resolve(HERE, "overlays/production/prometheusrule.yaml");

const HEADER = `# GENERATED from deploy/prometheus/portal-alerts.yml by deploy/kubernetes/prometheus-rule.ts: edit
# that file (promtool tests it), then run \`npx tsx deploy/kubernetes/prometheus-rule.ts\`.
# If your Prometheus selects rules by label (ruleSelector, e.g. kube-prometheus-stack's
# release: <name>), add that label in the overlay, not here.
`;

/** The rule groups of a Prometheus rules file, as a PrometheusRule object. */
export function prometheusRuleOf(alertsYaml: string): KubeObject {
  const rules = parse(alertsYaml) as { groups?: unknown };
  if (!Array.isArray(rules.groups) || rules.groups.length === 0) throw new Error(`${ALERTS_FILE}: no rule groups`);
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: "lakehouse-portal", labels: { "app.kubernetes.io/name": "lakehouse-portal", "app.kubernetes.io/part-of": "lakehouse" } },
    spec: { groups: rules.groups },
  };
}

export function prometheusRuleFile(alertsYaml: string): string {
  // Multi-line expressions as block literals, no folding: the file reads like the source.
  return HEADER + stringify(prometheusRuleOf(alertsYaml), { lineWidth: 0, blockQuote: "literal" });
}

/** True when the committed PrometheusRule carries exactly the rules of the alerts file. */
export function prometheusRuleIsCurrent(): boolean {
  const expected = prometheusRuleOf(readFileSync(ALERTS_FILE, "utf8"));
  return isDeepStrictEqual(parse(readFileSync(RULE_FILE, "utf8")), expected);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--check")) {
    const current = prometheusRuleIsCurrent();
    process.stdout.write(
      current ? "prometheusrule.yaml matches portal-alerts.yml\n" : "prometheusrule.yaml differs from portal-alerts.yml: run npx tsx deploy/kubernetes/prometheus-rule.ts\n",
    );
    process.exit(current ? 0 : 1);
  }
  writeFileSync(RULE_FILE, prometheusRuleFile(readFileSync(ALERTS_FILE, "utf8")));
  process.stdout.write(`wrote ${path.relative(process.cwd(), RULE_FILE)}\n`);
}
