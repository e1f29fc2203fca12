// Addresses the lineage view links to, shared by the server (which puts `href` on nodes) and the
// page. Names may hold any character, so each part is URL-encoded (the catalog's and pipelines'
// pages read them back the same way).
const part = encodeURIComponent;

export type CatalogAddress = { engineId: string; catalog: string; schema: string; name: string };

export const catalogDatasetHref = (d: CatalogAddress) => `/catalog/${part(d.engineId)}/${part(d.catalog)}/${part(d.schema)}/${part(d.name)}`;
export const jobHref = (namespace: string, name: string) => `/pipelines/jobs/${part(namespace)}/${name.split("/").map(part).join("/")}`;
export const runHref = (id: string) => `/pipelines/runs/${part(id)}`;
export const objectHref = (bucket: string, key: string) => `/buckets/${part(bucket)}/blob/${key.split("/").map(part).join("/")}`;
/** The lineage view centred on a node (`dataset:<ns>:<name>` or `job:<ns>:<name>`). */
export const lineageHref = (focus: string) => `/lineage?focus=${part(focus)}`;
