// Input of the audit log's operation (audit.list); the handler's input type is the z.infer of it.
import { z } from "zod";

export const listAuditInput = z.object({
  action: z.string().trim().max(100).optional(),
  subject: z.string().trim().max(320).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
