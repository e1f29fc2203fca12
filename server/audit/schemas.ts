// Inputs of the audit log's operations: the list (audit.list) and the export route share one
// filter schema, so the export is exactly the filtered view. Handlers' input types are z.infer.
import { z } from "zod";
import { actionsOfFilter, AUDIT_OUTCOMES } from "../../lib/audit/known-actions";

export const MAX_AUDIT_PAGE_SIZE = 200;

const instant = z.iso.datetime({ offset: true, message: "must be a date and time (ISO 8601)" }).transform((v) => new Date(v));

export const auditFilterInput = z
  .object({
    /** The actor's e-mail, exactly (lower-cased); "system" for events without a signed-in actor. */
    actor: z.string().trim().toLowerCase().max(320).optional(),
    /** Exact actions, or groups as `group:<id>` (server/audit/known-actions.ts), expanded here. */
    actions: z
      .array(z.string().trim().min(1).max(100))
      .max(100, "at most 100 actions")
      .transform((list) => [...new Set(list.flatMap(actionsOfFilter))])
      .optional(),
    outcome: z.enum(AUDIT_OUTCOMES, "must be success, failure or denied").optional(),
    /** Events at or after this instant. */
    from: instant.optional(),
    /** Events before this instant. */
    to: instant.optional(),
    /** Part of the subject as stored (an e-mail, `dataset:<id>`, a name). */
    subject: z.string().trim().max(320).optional(),
  })
  // Unknown keys are refused, not dropped: a filter the server does not know (an old client's
  // `action`) must not silently list everything.
  .strict()
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: "The start of the date range must be before its end.", path: ["to"] });

const cursor = z.string().regex(/^\d{1,19}$/, "must be an event id");

export const listAuditInput = z
  .object({
    filter: auditFilterInput.default({}),
    /** Keyset paging: the id next to which the page starts, and in which direction. */
    cursor: cursor.optional(),
    direction: z.enum(["older", "newer"]).default("older"),
    pageSize: z.number().int().min(1).max(MAX_AUDIT_PAGE_SIZE).default(50),
  })
  .strict();

export const actorSuggestionsInput = z.object({ search: z.string().trim().max(320).default("") });

/** GET /api/admin/audit/export?format=csv&actor=…&action=…&outcome=…&from=…&to=…&subject=… */
export const exportAuditQuery = z
  .object({
    format: z.enum(["csv", "ndjson"], "must be csv or ndjson"),
    actor: z.string().max(320).optional(),
    /** Repeated or comma-separated; group ids as `group:<id>`. */
    action: z.union([z.string().max(2000), z.array(z.string().max(200)).max(100)]).optional(),
    outcome: z.string().max(20).optional(),
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
    subject: z.string().max(320).optional(),
  })
  .transform((q, ctx) => {
    const actions = (Array.isArray(q.action) ? q.action : q.action ? q.action.split(",") : []).map((a) => a.trim()).filter(Boolean);
    const parsed = auditFilterInput.safeParse({
      actor: q.actor || undefined,
      actions: actions.length ? actions : undefined,
      outcome: q.outcome || undefined,
      from: q.from || undefined,
      to: q.to || undefined,
      subject: q.subject || undefined,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return { format: q.format, filter: parsed.data };
  });

export type AuditFilter = z.output<typeof auditFilterInput>;
