// The shape of deploy/grafana/dashboards/lakehouse-portal.json that the tests read, and its
// queries with Grafana's variables replaced, ready for Prometheus' HTTP API.
export type Datasource = { type: string; uid: string };
export type Panel = {
  id: number;
  type: string;
  title: string;
  description?: string;
  datasource?: Datasource;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { expr: string; refId: string; datasource: Datasource }[];
};
export type Dashboard = { uid: string; title: string; panels: Panel[]; templating: { list: { name: string; datasource: Datasource; query: { query: string } }[] } };

/** Every panel query and variable query, with $instance as "all" and $__rate_interval as a real window. */
export function dashboardQueries(dashboard: Dashboard): { panel: string; expr: string; query: string }[] {
  const concrete = (expr: string) => expr.replaceAll("$__rate_interval", "1m").replaceAll("$instance", ".*");
  return [
    ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr, query: concrete(t.expr) }))),
    ...dashboard.templating.list.map((v) => {
      const inner = /^label_values\((.*), *[a-z_]+\)$/.exec(v.query.query)?.[1] ?? v.query.query;
      return { panel: `variable ${v.name}`, expr: v.query.query, query: concrete(inner) };
    }),
  ];
}
