// sql.*: wiring only; each procedure is a handler({ ctx, input }) of server/sql (running itself
// streams through POST /api/sql/execute).
import { createTRPCRouter, protectedProcedure } from "../../trpc";
import { cancelRun, listRuns } from "../../../sql/history";
import { autocompleteSchema, listEngines, listMetadata } from "../../../sql/metadata";
import { createSavedQuery, deleteSavedQuery, listSavedQueries, openSavedQuery, updateSavedQuery } from "../../../sql/saved-queries";
import { aggregateRun } from "../../../sql/aggregate";
import { aggregateInput } from "../../../sql/aggregate-schema";
import { explainStatement } from "../../../sql/explain";
import { explainInput } from "../../../sql/explain-schema";
import { listTabs, syncTabs } from "../../../sql/tabs/tabs";
import { tabsSyncInput } from "../../../sql/tabs/schemas";
import { autocompleteInput, historyInput, metadataInput, runIdInput, savedQueryIdInput, savedQueryInput, savedQueryListInput, savedQueryUpdateInput } from "../../../sql/schemas";

export const sqlRouter = createTRPCRouter({
  engines: protectedProcedure.query(listEngines),
  metadata: protectedProcedure.input(metadataInput).query(listMetadata),
  autocomplete: protectedProcedure.input(autocompleteInput).query(autocompleteSchema),
  cancel: protectedProcedure.input(runIdInput).mutation(cancelRun),
  history: protectedProcedure.input(historyInput).query(listRuns),
  // A mutation (POST) although it changes nothing: the statement (up to 1 MB) must not travel in a URL.
  explain: protectedProcedure.input(explainInput).mutation(explainStatement),
  aggregate: protectedProcedure.input(aggregateInput).query(aggregateRun),
  saved: createTRPCRouter({
    list: protectedProcedure.input(savedQueryListInput).query(listSavedQueries),
    get: protectedProcedure.input(savedQueryIdInput).query(openSavedQuery),
    create: protectedProcedure.input(savedQueryInput).mutation(createSavedQuery),
    update: protectedProcedure.input(savedQueryUpdateInput).mutation(updateSavedQuery),
    delete: protectedProcedure.input(savedQueryIdInput).mutation(deleteSavedQuery),
  }),
  // Each user's own editor tabs and drafts (server/sql/tabs); nobody else's, admins included.
  tabs: createTRPCRouter({
    list: protectedProcedure.query(listTabs),
    sync: protectedProcedure.input(tabsSyncInput).mutation(syncTabs),
  }),
});
