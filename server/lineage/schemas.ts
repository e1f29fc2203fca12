// The input of each lineage operation (one zod schema per operation; types by z.infer).
import { z } from "zod";

/** Events as parsed from a request body (or built by the portal itself); each is checked on its own. */
export const ingestLineageInput = z.object({ events: z.array(z.unknown()) });
export type IngestLineageInput = z.infer<typeof ingestLineageInput>;

/** The lineage section of a catalog dataset's page: a few hops up and down from it. */
export const datasetLineageInput = z.object({
  datasetId: z.uuid("must be a dataset id"),
  depth: z.number().int().min(1, "must be at least 1").max(5, "must be at most 5 (use the lineage API for deeper graphs)").default(2),
});
export type DatasetLineageInput = z.infer<typeof datasetLineageInput>;
