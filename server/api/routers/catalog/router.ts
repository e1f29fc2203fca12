// catalog.*: wiring only; each procedure is a handler({ ctx, input }) of server/catalog.
import { createTRPCRouter, editorProcedure, protectedProcedure } from "../../trpc";
import { searchDatasets, searchFacets } from "../../../catalog/search";
import {
  datasetActivity,
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
import { homeFeed, openDataset } from "../../../catalog/home";
import { startManualCrawl } from "../../../catalog/crawler";
import { computeProfile, readProfile } from "../../../catalog/profiles/profiles";
import { profileComputeInput, profileInput } from "../../../catalog/profiles/schemas";
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
} from "../../../catalog/schemas";

export const catalogRouter = createTRPCRouter({
  search: protectedProcedure.input(searchInput).query(searchDatasets),
  facets: protectedProcedure.input(facetsInput).query(searchFacets),

  engines: protectedProcedure.query(listEngines),
  catalogs: protectedProcedure.input(engineInput).query(listCatalogs),
  schemas: protectedProcedure.input(catalogInput).query(listSchemas),
  datasets: protectedProcedure.input(schemaInput).query(listDatasets),

  // The dataset page's data; also records the view for the home page (in the background).
  dataset: protectedProcedure.input(datasetRefInput).query(openDataset),
  history: protectedProcedure.input(datasetIdInput).query(schemaHistory),
  activity: protectedProcedure.input(datasetPageInput).query(datasetActivity),
  usage: protectedProcedure.input(datasetIdInput).query(datasetUsage),
  sample: protectedProcedure.input(datasetIdInput).query(readSample),
  stats: protectedProcedure.input(statsInput).query(readStats),
  // Column profiles: read and computed through the engine as the user (their engine rights apply).
  profile: protectedProcedure.input(profileInput).query(readProfile),
  profileCompute: protectedProcedure.input(profileComputeInput).mutation(computeProfile),

  home: protectedProcedure.query(homeFeed),

  tags: protectedProcedure.query(listTags),
  glossary: protectedProcedure.input(searchTextInput).query(listGlossaryTerms),
  ownerSuggestions: protectedProcedure.input(searchTextInput).query(ownerSuggestions),

  crawl: createTRPCRouter({
    start: editorProcedure.input(engineInput).mutation(startManualCrawl),
    runs: protectedProcedure.input(crawlRunsInput).query(listCrawlRuns),
  }),

  edit: createTRPCRouter({
    description: editorProcedure.input(descriptionInput).mutation(updateDescription),
    columnDescription: editorProcedure.input(columnDescriptionInput).mutation(updateColumnDescription),
    owners: editorProcedure.input(ownersInput).mutation(updateOwners),
    tags: editorProcedure.input(tagsInput).mutation(updateTags),
    glossaryTerms: editorProcedure.input(termsInput).mutation(updateGlossaryTerms),
    freshness: editorProcedure.input(freshnessInput).mutation(updateExpectedUpdateInterval),
  }),
});
