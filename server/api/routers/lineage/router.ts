// lineage.*: wiring only; the rules are in server/lineage. Machines read the full graph through
// the Marquez-shaped REST API under /api/v1 (server/lineage/read); pages use these procedures.
import { createTRPCRouter, protectedProcedure } from "../../trpc";
import { datasetLineage } from "../../../lineage/dataset-lineage";
import { datasetLineageInput } from "../../../lineage/schemas";
import { lineageView } from "../../../lineage/view/view-graph";
import { lineageImpact } from "../../../lineage/view/impact";
import { lineageColumns } from "../../../lineage/view/columns";
import { lineageNode } from "../../../lineage/view/node-details";
import { lineageCatalogFocus, lineageSearch } from "../../../lineage/view/search";
import { lineageCatalogFocusInput, lineageColumnsInput, lineageImpactInput, lineageNodeInput, lineageSearchInput, lineageViewInput } from "../../../lineage/view/schemas";

export const lineageRouter = createTRPCRouter({
  /** What feeds a catalog dataset and what it feeds, with its columns' sources (any signed-in user). */
  dataset: protectedProcedure.input(datasetLineageInput).query(datasetLineage),
  /** The /lineage page's graph around a dataset or job: depths, filters, as-of diff, expand/collapse. */
  view: protectedProcedure.input(lineageViewInput).query(lineageView),
  /** Every dataset downstream of a node, by step, with owners and freshness. */
  impact: protectedProcedure.input(lineageImpactInput).query(lineageImpact),
  /** One column's upstream and downstream columns with their transformations. */
  columns: protectedProcedure.input(lineageColumnsInput).query(lineageColumns),
  /** The side panel: fields, facets, links and runs of one node (SQL as the role allows). */
  node: protectedProcedure.input(lineageNodeInput).query(lineageNode),
  /** Datasets and jobs to start the view from. */
  search: protectedProcedure.input(lineageSearchInput).query(lineageSearch),
  /** The lineage node of a catalog dataset (the dataset page's Lineage tab). */
  catalogFocus: protectedProcedure.input(lineageCatalogFocusInput).query(lineageCatalogFocus),
});
