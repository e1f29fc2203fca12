import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { listAuditEvents } from "../../../audit/list-audit";

export const listAuditInput = z.object({
  action: z.string().trim().max(100).optional(),
  subject: z.string().trim().max(320).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export const auditRouter = createTRPCRouter({
  list: adminProcedure.input(listAuditInput).query(({ input }) => listAuditEvents(input)),
});
