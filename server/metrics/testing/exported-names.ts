// The metric names the portal exports, read from the live registry (as /api/metrics serves it),
// and the portal_* names an expression refers to: the dashboard and the alert rules may use
// only names the portal really has.
import { metrics } from "../registry";

/** Every sample name of the registry: counters, gauges, and each histogram's _bucket, _sum and _count. */
export async function exportedSampleNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const metric of await metrics().registry.getMetricsAsJSON()) {
    names.add(metric.name);
    // prom-client types `type` as a numeric enum, but its value is the text of the TYPE line.
    if (String(metric.type) === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(metric.name + suffix);
  }
  return names;
}

/** The portal_* metric names in a PromQL expression (labels and strings are not names). */
export function portalNamesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...new Set(withoutStrings.match(/\bportal_[a-zA-Z0-9_]+/g) ?? [])];
}

/** The scrape's own series, which Prometheus adds for every target. */
export const SCRAPE_SERIES = new Set(["up", "scrape_duration_seconds", "scrape_samples_scraped"]);
