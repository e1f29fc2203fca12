// Input of the workbench-tabs operations (sql.tabs.*): one zod schema each; the handlers'
// input types are their z.infer. Sizes are checked again in the handler with messages for
// people (bytes, not characters); the maxima here only stop abuse.
import { z } from "zod";
import { engineId } from "../../engines/engine-id";
import { MAX_ROW_LIMIT } from "../schemas";

/** Tabs a user keeps on the server; more stay in their browser only (the refusal says so). */
export const MAX_TABS = 50;
/** All of a user's drafts together. */
export const MAX_TOTAL_SQL_BYTES = 10_000_000;
export const MAX_TITLE_LENGTH = 120;

const tabId = z.uuid("must be a tab id");
const revision = z.number().int().min(1);
const name = z.string().trim().max(200).nullable();

/** A tab's content as the browser holds it, and the server revision it started from (null: new). */
export const tabChange = z.object({
  id: tabId,
  baseRevision: revision.nullable(),
  title: z.string().trim().min(1, "is required").max(MAX_TITLE_LENGTH, `must be at most ${MAX_TITLE_LENGTH} characters`),
  sql: z.string().max(5_000_000, "is far larger than the 1 MB a draft may hold"),
  engineId: engineId.nullable(),
  catalog: name,
  schema: name,
  limit: z.number().int().min(1).max(MAX_ROW_LIMIT),
  savedQueryId: z.uuid().nullable(),
  savedVersion: z.string().max(40).nullable(),
  keptRunId: z.uuid().nullable(),
});

export const tabsSyncInput = z.object({
  /** The page load that writes (a random id per page): its own retried writes are not conflicts. */
  writer: z.uuid("must be a writer id"),
  /** The browser, for the title of a conflict's copy: "Chrome on Linux". */
  device: z.string().trim().max(60).default(""),
  changes: z
    .array(tabChange)
    .max(MAX_TABS + 10, `at most ${MAX_TABS + 10} tabs at a time`)
    .default([]),
  closes: z
    .array(z.object({ id: tabId, baseRevision: revision }))
    .max(200)
    .default([]),
  /** The browser's order of its tabs, sent when the user reordered, opened or closed one. */
  order: z.array(tabId).max(200).nullable().default(null),
  /** Revisions the browser already holds: those tabs come back without their content. */
  known: z
    .array(z.object({ id: tabId, revision }))
    .max(200)
    .default([]),
});

export type TabChange = z.infer<typeof tabChange>;
