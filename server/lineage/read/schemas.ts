// The input of each Marquez-compatible read operation: path segments and query parameters, as
// strings from the URL, with Marquez's defaults (limit 100, depth 20, search limit 10, events
// between 1970 and 2030, newest first). One zod schema per operation; types by z.infer.
import { z } from "zod";

/** Bounds that keep one request's work bounded (Marquez has none). */
export const MAX_PAGE = 10_000;
export const MAX_DEPTH = 100;

const count = (fallback: number, max: number) =>
  z.coerce
    .number(`must be a whole number from 0 to ${max}`)
    .int(`must be a whole number from 0 to ${max}`)
    .min(0, `must be a whole number from 0 to ${max}`)
    .max(max, `must be a whole number from 0 to ${max}`)
    .default(fallback);
const time = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), "must be an ISO-8601 time, e.g. 2026-12-01T10:00:00Z")
  .transform((s) => new Date(s));
const name = (what: string) => z.string().min(1, `must name a ${what}`).max(4096, `is longer than 4096 characters`);
const flag = z
  .enum(["true", "false"], "must be true or false")
  .default("false")
  .transform((s) => s === "true");

const page = { limit: count(100, MAX_PAGE), offset: count(0, 1_000_000_000) };

export const listNamespacesInput = z.object(page);
export type ListNamespacesInput = z.infer<typeof listNamespacesInput>;

export const namespaceInput = z.object({ namespace: name("namespace") });
export type NamespaceInput = z.infer<typeof namespaceInput>;

export const listJobsInput = z.object({ namespace: name("namespace").optional(), ...page });
export type ListJobsInput = z.infer<typeof listJobsInput>;

export const jobInput = z.object({ namespace: name("namespace"), job: name("job") });
export type JobInput = z.infer<typeof jobInput>;

export const listJobRunsInput = z.object({ namespace: name("namespace"), job: name("job"), ...page });
export type ListJobRunsInput = z.infer<typeof listJobRunsInput>;

export const getRunInput = z.object({ id: z.uuid("must be a run id (a UUID)").transform((s) => s.toLowerCase()) });
export type GetRunInput = z.infer<typeof getRunInput>;

export const listDatasetsInput = z.object({ namespace: name("namespace"), ...page });
export type ListDatasetsInput = z.infer<typeof listDatasetsInput>;

export const datasetInput = z.object({ namespace: name("namespace"), dataset: name("dataset") });
export type DatasetInput = z.infer<typeof datasetInput>;

export const listDatasetVersionsInput = z.object({ namespace: name("namespace"), dataset: name("dataset"), ...page });
export type ListDatasetVersionsInput = z.infer<typeof listDatasetVersionsInput>;

export const lineageInput = z.object({ nodeId: name("node (dataset:<namespace>:<name> or job:<namespace>:<name>)"), depth: count(20, MAX_DEPTH), asOf: time.optional() });
export type LineageInput = z.infer<typeof lineageInput>;

export const columnLineageInput = z.object({
  nodeId: name("node (dataset:<namespace>:<name> or datasetField:<namespace>:<dataset>:<field>)"),
  depth: count(20, MAX_DEPTH),
  withDownstream: flag,
  asOf: time.optional(),
});
export type ColumnLineageInput = z.infer<typeof columnLineageInput>;

export const searchInput = z.object({
  q: z.string().trim().min(1, "must not be empty").max(1024, "is longer than 1024 characters"),
  filter: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(["DATASET", "JOB"], "must be dataset or job"))
    .optional(),
  sort: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(["NAME", "UPDATED_AT"], "must be name or updated_at"))
    .default("NAME"),
  limit: count(10, MAX_PAGE),
});
export type SearchInput = z.infer<typeof searchInput>;

export const lineageEventsInput = z.object({
  before: time.default(new Date("2030-01-01T00:00:00Z")),
  after: time.default(new Date("1970-01-01T00:00:00Z")),
  sortDirection: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(["asc", "desc"], "must be asc or desc"))
    .default("desc"),
  ...page,
});
export type LineageEventsInput = z.infer<typeof lineageEventsInput>;
