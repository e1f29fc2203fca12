// Input of each workbench operation (the sql.* procedures and the routes under app/api/sql); each
// handler's input type is the z.infer of its schema here, never written by hand.
import { z } from "zod";
import { engineId } from "../engines/engine-id";

/** The most rows one run returns (downloads ask for every row instead). */
export const MAX_ROW_LIMIT = 1_000_000;

const name = z.string().trim().max(200);

export const executeInput = z.object({
  engineId,
  // The size limit (1 MB) is checked with a clear message in prepareRun; this only stops abuse.
  sql: z.string().max(5_000_000, "is far larger than the 1 MB the workbench accepts"),
  catalog: name.nullish(),
  schema: name.nullish(),
  limit: z.number().int().min(1).max(MAX_ROW_LIMIT).default(10_000),
  /** The user confirmed a destructive statement (DROP, TRUNCATE, DELETE/UPDATE without WHERE). */
  confirmed: z.boolean().optional(),
});

/** What a run needs: the execute input, where a download asks for no row limit (null: every row). */
export const runInput = executeInput.extend({ limit: executeInput.shape.limit.unwrap().nullable() });

/** One run by its id: cancel, re-open its kept result (GET /api/sql/runs/:runId/result). */
export const runIdInput = z.object({ runId: z.uuid("must be a run id") });

const downloadFormat = z.enum(["csv", "json", "parquet"], "must be csv, json or parquet");
/** POST /api/sql/download naming one of the user's runs. */
export const downloadRunInput = runIdInput.extend({ format: downloadFormat });
/** POST /api/sql/download naming a statement (a form post: empty fields are absent, booleans are "true"). */
export const downloadStatementInput = z.object({
  engineId,
  sql: z.string().max(5_000_000),
  catalog: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
  schema: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
  format: downloadFormat,
  confirmed: z
    .literal("true")
    .optional()
    .transform((v) => v === "true"),
});
/** A body naming a run reads that run's result; any other body names a statement. */
export const downloadInput = (raw: unknown) => (typeof raw === "object" && raw !== null && "runId" in raw ? downloadRunInput : downloadStatementInput);

export const historyInput = z.object({
  search: z.string().trim().max(500).optional(),
  engineId: engineId.optional(),
  status: z.enum(["running", "succeeded", "failed", "cancelled"]).optional(),
  /** Admins may look at everybody's runs. */
  everyone: z.boolean().default(false),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

export const metadataInput = z.object({ engineId, catalog: name.optional(), schema: name.optional(), table: name.optional() });
export const autocompleteInput = z.object({ engineId, catalog: z.string().min(1).max(200), schema: z.string().min(1).max(200) });

export const savedQueryInput = z.object({
  name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  description: z.string().trim().max(5_000).default(""),
  engineId,
  catalog: name.nullish(),
  schema: name.nullish(),
  sql: z.string().min(1, "is required").max(1_000_000, "must be at most 1 MB"),
});

export const savedQueryUpdateInput = savedQueryInput.partial().extend({
  id: z.uuid("must be a saved query id"),
  /** The version the editor started from (its updatedAt): a later change by someone else is not overwritten. */
  ifUnchangedSince: z.coerce.date("must be a date").optional(),
});
export const savedQueryIdInput = z.object({ id: z.uuid("must be a saved query id") });
export const savedQueryListInput = z.object({
  search: z.string().trim().max(200).optional(),
  mine: z.boolean().default(false),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

/** The browser's request body of POST /api/sql/execute (components/sql). */
export type ExecuteInput = z.infer<typeof executeInput>;
export type RunInput = z.infer<typeof runInput>;
