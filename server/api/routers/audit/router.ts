// audit.*: wiring only; the handler({ ctx, input }) is in server/audit.
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { listAuditEvents } from "../../../audit/list-audit";
import { listAuditInput } from "../../../audit/schemas";

export const auditRouter = createTRPCRouter({
  list: adminProcedure.input(listAuditInput).query(listAuditEvents),
});
