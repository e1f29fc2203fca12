// sql.*: the SQL workbench's procedures (running itself streams through POST /api/sql/execute).
import { createTRPCRouter, protectedProcedure } from "../../trpc";
import { cancelRun, listRuns } from "../../../sql/history";
import { autocompleteSchema, listEngines, listMetadata } from "../../../sql/metadata";
import { createSavedQuery, deleteSavedQuery, listSavedQueries, openSavedQuery, updateSavedQuery } from "../../../sql/saved-queries";
import { autocompleteInput, cancelInput, historyInput, metadataInput, savedQueryIdInput, savedQueryInput, savedQueryListInput, savedQueryUpdateInput } from "../../../sql/schemas";

export const sqlRouter = createTRPCRouter({
  engines: protectedProcedure.query(() => listEngines()),
  metadata: protectedProcedure.input(metadataInput).query(({ ctx, input }) => listMetadata(ctx.user, input)),
  autocomplete: protectedProcedure.input(autocompleteInput).query(({ ctx, input }) => autocompleteSchema(ctx.user, input)),
  cancel: protectedProcedure.input(cancelInput).mutation(({ ctx, input }) => cancelRun(ctx.user, input.runId)),
  history: protectedProcedure.input(historyInput).query(({ ctx, input }) => listRuns(ctx.user, input)),
  saved: createTRPCRouter({
    list: protectedProcedure.input(savedQueryListInput).query(({ ctx, input }) => listSavedQueries(ctx.user, input)),
    get: protectedProcedure.input(savedQueryIdInput).query(({ ctx, input }) => openSavedQuery(ctx.user, input.id)),
    create: protectedProcedure.input(savedQueryInput).mutation(({ ctx, input }) => createSavedQuery(ctx.user, input)),
    update: protectedProcedure.input(savedQueryUpdateInput).mutation(({ ctx, input }) => updateSavedQuery(ctx.user, input)),
    delete: protectedProcedure.input(savedQueryIdInput).mutation(({ ctx, input }) => deleteSavedQuery(ctx.user, input.id)),
  }),
});
