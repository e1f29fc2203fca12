// catalog.*: wiring only; the rules are in server/catalog.
import { createTRPCRouter, editorProcedure, protectedProcedure } from "../../trpc";
import { searchDatasets, searchFacets } from "../../../catalog/search";
import {
  datasetActivity,
  getDataset,
  listCatalogs,
  listCrawlRuns,
  listDatasets,
  listEngines,
  listGlossaryTerms,
  listSchemas,
  listTags,
  ownerSuggestions,
  schemaHistory,
} from "../../../catalog/datasets";
import { readSample, readStats } from "../../../catalog/engine-reads";
import { datasetUsage } from "../../../catalog/usage";
import { startCrawl } from "../../../catalog/crawler";
import { updateColumnDescription, updateDescription, updateExpectedUpdateInterval, updateGlossaryTerms, updateOwners, updateTags } from "../../../catalog/stewardship";
import {
  catalogInput,
  columnDescriptionInput,
  crawlRunsInput,
  datasetIdInput,
  datasetPageInput,
  datasetRefInput,
  descriptionInput,
  engineInput,
  facetsInput,
  freshnessInput,
  ownersInput,
  schemaInput,
  searchInput,
  searchTextInput,
  statsInput,
  tagsInput,
  termsInput,
} from "./schemas";

export const catalogRouter = createTRPCRouter({
  search: protectedProcedure.input(searchInput).query(({ input }) => searchDatasets(input)),
  facets: protectedProcedure.input(facetsInput).query(({ input }) => searchFacets(input)),

  engines: protectedProcedure.query(() => listEngines()),
  catalogs: protectedProcedure.input(engineInput).query(({ input }) => listCatalogs(input.engineId)),
  schemas: protectedProcedure.input(catalogInput).query(({ input }) => listSchemas(input)),
  datasets: protectedProcedure.input(schemaInput).query(({ input }) => listDatasets(input)),

  dataset: protectedProcedure.input(datasetRefInput).query(({ input }) => getDataset(input)),
  history: protectedProcedure.input(datasetIdInput).query(({ input }) => schemaHistory(input.datasetId)),
  activity: protectedProcedure.input(datasetPageInput).query(({ input }) => datasetActivity(input)),
  usage: protectedProcedure.input(datasetIdInput).query(({ ctx, input }) => datasetUsage(ctx.user, input.datasetId)),
  sample: protectedProcedure.input(datasetIdInput).query(({ ctx, input }) => readSample(ctx.user, input.datasetId)),
  stats: protectedProcedure.input(statsInput).query(({ ctx, input }) => readStats(ctx.user, input)),

  tags: protectedProcedure.query(() => listTags()),
  glossary: protectedProcedure.input(searchTextInput).query(({ input }) => listGlossaryTerms(input.search)),
  ownerSuggestions: protectedProcedure.input(searchTextInput).query(({ input }) => ownerSuggestions(input.search)),

  crawl: createTRPCRouter({
    start: editorProcedure.input(engineInput).mutation(async ({ ctx, input }) => {
      const { runId } = await startCrawl({ engineId: input.engineId, trigger: "manual", actor: ctx.user });
      return { runId };
    }),
    runs: protectedProcedure.input(crawlRunsInput).query(({ input }) => listCrawlRuns(input)),
  }),

  edit: createTRPCRouter({
    description: editorProcedure.input(descriptionInput).mutation(({ ctx, input }) => updateDescription(ctx.user, input, ctx.db, ctx.ip)),
    columnDescription: editorProcedure.input(columnDescriptionInput).mutation(({ ctx, input }) => updateColumnDescription(ctx.user, input, ctx.db, ctx.ip)),
    owners: editorProcedure.input(ownersInput).mutation(({ ctx, input }) => updateOwners(ctx.user, input, ctx.db, ctx.ip)),
    tags: editorProcedure.input(tagsInput).mutation(({ ctx, input }) => updateTags(ctx.user, input, ctx.db, ctx.ip)),
    glossaryTerms: editorProcedure.input(termsInput).mutation(({ ctx, input }) => updateGlossaryTerms(ctx.user, input, ctx.db, ctx.ip)),
    freshness: editorProcedure.input(freshnessInput).mutation(({ ctx, input }) => updateExpectedUpdateInterval(ctx.user, input, ctx.db, ctx.ip)),
  }),
});
