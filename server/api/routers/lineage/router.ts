// lineage.*: wiring only; the rules are in server/lineage. Machines read the full graph through
// the Marquez-shaped REST API under /api/v1 (server/lineage/read); pages use these procedures.
import { createTRPCRouter, protectedProcedure } from "../../trpc";
import { datasetLineage } from "../../../lineage/dataset-lineage";
import { datasetLineageInput } from "../../../lineage/schemas";

export const lineageRouter = createTRPCRouter({
  /** What feeds a catalog dataset and what it feeds, with its columns' sources (any signed-in user). */
  dataset: protectedProcedure.input(datasetLineageInput).query(datasetLineage),
});
