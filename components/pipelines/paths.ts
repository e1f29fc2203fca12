// Addresses of the pipelines pages. Job namespaces are URIs (duckdb://portal) and names may hold
// any character, so each part is URL-encoded; a job name with slashes stays one catch-all path.
const part = encodeURIComponent;

export const runPath = (id: string) => `/pipelines/runs/${part(id)}`;
export const jobPath = (namespace: string, name: string) => `/pipelines/jobs/${part(namespace)}/${name.split("/").map(part).join("/")}`;
/** The lineage view centred on a job (issue 12's /lineage page). */
export const jobLineagePath = (namespace: string, name: string) => `/lineage?focus=${part(`job:${namespace}:${name}`)}`;

/** A URL's query without empty values, in a stable order (so the same view has one address). */
export function withQuery(path: string, params: Record<string, string | undefined | null>): string {
  const query = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
