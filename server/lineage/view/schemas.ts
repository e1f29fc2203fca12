// The input of each lineage-view operation (the /lineage page and the dataset page's Lineage tab).
import { z } from "zod";

/** `dataset:<namespace>:<name>` or `job:<namespace>:<name>` (Marquez's node ids). */
const nodeId = z
  .string("must be a node id")
  .min(1, "must not be empty")
  .max(4096, "is longer than 4096 characters")
  .refine((s) => s.startsWith("dataset:") || s.startsWith("job:"), "must start with 'dataset:' or 'job:'");
const side = z.enum(["upstream", "downstream"], "must be upstream or downstream");
const hops = (fallback: number) => z.number("must be a number").int("must be a whole number").min(0, "must be at least 0").max(10, "must be at most 10").default(fallback);
const asOf = z.coerce.date("must be a date and time").refine((d) => !Number.isNaN(d.getTime()), "must be a date and time");

export const lineageViewInput = z.object({
  focus: nodeId,
  /** Hops walked each way (one hop = one job↔dataset edge). */
  up: hops(4),
  down: hops(4),
  /** Edges valid then, compared with now (edges added or removed since are marked). */
  asOf: asOf.optional(),
  /** "datasets": jobs folded into dataset → dataset edges labelled with the job's name; "jobs": datasets folded into job → job edges. */
  kinds: z.enum(["all", "datasets", "jobs"], "must be all, datasets or jobs").default("all"),
  /** Keep only datasets of this namespace (and the jobs between them); the focus always stays. */
  namespace: z.string().trim().max(1024, "is longer than 1024 characters").optional(),
  /** Keep only datasets this owner (e-mail or team, from the catalog) owns; the focus always stays. */
  owner: z.string().trim().max(320, "is longer than 320 characters").optional(),
  /** Nodes whose side is walked one more hop than the depth allows. */
  expand: z
    .array(z.object({ id: nodeId, side }), "must be a list")
    .max(50, "may hold at most 50 nodes")
    .default([]),
  /** Nodes whose side is not walked at all. */
  collapse: z
    .array(z.object({ id: nodeId, side }), "must be a list")
    .max(50, "may hold at most 50 nodes")
    .default([]),
});
export type LineageViewInput = z.infer<typeof lineageViewInput>;

export const lineageImpactInput = z.object({
  focus: nodeId,
  /** Hops downstream (datasets are at even hops: 2 = read by a job that writes it). */
  depth: z.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(40, "must be at most 40").default(20),
});
export type LineageImpactInput = z.infer<typeof lineageImpactInput>;

export const lineageColumnsInput = z.object({
  dataset: nodeId.refine((s) => s.startsWith("dataset:"), "must name a dataset (dataset:<namespace>:<name>)"),
  field: z.string("must be a column name").min(1, "must not be empty").max(1024, "is longer than 1024 characters"),
  depth: z.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(20, "must be at most 20").default(10),
  asOf: asOf.optional(),
});
export type LineageColumnsInput = z.infer<typeof lineageColumnsInput>;

export const lineageNodeInput = z.object({ id: nodeId });
export type LineageNodeInput = z.infer<typeof lineageNodeInput>;

export const lineageSearchInput = z.object({
  q: z.string("must be text").trim().max(200, "is longer than 200 characters").default(""),
  kind: z.enum(["all", "dataset", "job"], "must be all, dataset or job").default("all"),
});
export type LineageSearchInput = z.infer<typeof lineageSearchInput>;

/** The focus of a dataset page's Lineage tab: its catalog dataset. */
export const lineageCatalogFocusInput = z.object({ datasetId: z.uuid("must be a dataset id") });
export type LineageCatalogFocusInput = z.infer<typeof lineageCatalogFocusInput>;
