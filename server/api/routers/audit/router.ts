// audit.*: wiring only; the rules are in server/audit.
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { listAuditEvents } from "../../../audit/list-audit";
import { listAuditInput } from "./schemas";

export const auditRouter = createTRPCRouter({
  list: adminProcedure.input(listAuditInput).query(({ input }) => listAuditEvents(input)),
});
