// deploy/grafana/: the portal's dashboard and its provisioning files. The dashboard must parse,
// refer to the provisioned data source by its uid, use only metric names the portal exports
// (read from the live registry, as /api/metrics serves them) and lay its panels out without
// overlaps. e2e/observability.spec.ts also runs every panel's query on a real Prometheus.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exportedSampleNames, portalNamesIn, SCRAPE_SERIES } from "./testing/exported-names";
import { dashboardQueries, type Dashboard } from "./testing/dashboard";

const DIR = path.resolve(import.meta.dirname, "../../deploy/grafana");
const dashboard = JSON.parse(readFileSync(path.join(DIR, "dashboards/lakehouse-portal.json"), "utf8")) as Dashboard;
const datasources = parse(readFileSync(path.join(DIR, "provisioning/datasources/prometheus.yaml"), "utf8")) as { datasources: { uid: string; type: string }[] };
const providers = parse(readFileSync(path.join(DIR, "provisioning/dashboards/lakehouse-portal.yaml"), "utf8")) as {
  providers: { type: string; options: { path: string } }[];
};

describe("the Grafana dashboard", () => {
  it("uses the provisioned Prometheus data source by its uid, in every panel, query and variable", () => {
    expect(datasources.datasources).toHaveLength(1);
    const { uid, type } = datasources.datasources[0]!;
    expect(type).toBe("prometheus");
    const used = [
      ...dashboard.panels.filter((p) => p.type !== "row").map((p) => p.datasource),
      ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.datasource)),
      ...dashboard.templating.list.map((v) => v.datasource),
    ];
    expect(used.length).toBeGreaterThan(20);
    for (const ds of used) expect(ds).toEqual({ type: "prometheus", uid });
  });

  it("queries only metrics the portal exports, and shows each business metric", async () => {
    const exported = await exportedSampleNames();
    const queries = dashboardQueries(dashboard);
    const names = new Set(queries.flatMap((q) => portalNamesIn(q.expr)));
    for (const name of names) expect(exported, name).toContain(name);
    for (const q of queries) {
      // Anything that is not a portal_* name must be one of the scrape's own series.
      const others = q.expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/\b[a-z_:][a-z0-9_:]*(?=\{)/g) ?? [];
      for (const name of others.filter((n) => !n.startsWith("portal_"))) expect(SCRAPE_SERIES, `${q.panel}: ${name}`).toContain(name);
    }
    for (const wanted of [
      "portal_http_requests_total",
      "portal_http_request_duration_seconds_bucket",
      "portal_queries_total",
      "portal_rows_streamed_total",
      "portal_lineage_events_total",
      "portal_catalog_crawls_total",
      "portal_catalog_crawl_duration_seconds_bucket",
      "portal_alert_deliveries_total",
    ]) {
      expect(names, wanted).toContain(wanted);
    }
  });

  it("has a title and description on every panel, unique ids, and no overlapping panels", () => {
    expect(dashboard.uid).toBe("lakehouse-portal");
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Map<string, string>();
    for (const panel of dashboard.panels) {
      expect(panel.title, `panel ${panel.id}`).toBeTruthy();
      if (panel.type !== "row") expect(panel.description, panel.title).toBeTruthy();
      const { x, y, w, h } = panel.gridPos;
      expect(x + w, panel.title).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++) {
        for (let j = y; j < y + h; j++) {
          const key = `${i},${j}`;
          expect(cells.get(key), `${panel.title} overlaps ${cells.get(key)}`).toBeUndefined();
          cells.set(key, panel.title);
        }
      }
    }
  });

  it("is provisioned from files", () => {
    expect(providers.providers).toEqual([expect.objectContaining({ type: "file", options: expect.objectContaining({ path: expect.stringMatching(/^\//) as string }) })]);
  });
});
