// audit.*: wiring only; the handlers({ ctx, input }) are in server/audit. The export is a route
// handler (app/api/admin/audit/export) because it streams a file.
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { auditActorSuggestions, listAuditEvents } from "../../../audit/list-audit";
import { actorSuggestionsInput, listAuditInput } from "../../../audit/schemas";

export const auditRouter = createTRPCRouter({
  list: adminProcedure.input(listAuditInput).query(listAuditEvents),
  actors: adminProcedure.input(actorSuggestionsInput).query(auditActorSuggestions),
});
