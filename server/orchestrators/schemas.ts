// One zod schema per orchestrator operation; handler input types are their z.infer.
import { z } from "zod";

// Airflow's KEY_REGEX for DAG and task ids (task groups add dots), at most 250 characters.
const airflowKey = z
  .string()
  .trim()
  .min(1, "is required")
  .max(250, "must be at most 250 characters")
  .regex(/^[\w.-]+$/, "may contain only letters, digits, _, . and -");
// Run ids are free text in Airflow (manual__2024-05-01T06:00:00+00:00); no control characters.
const dagRunId = z
  .string()
  .min(1, "is required")
  .max(250, "must be at most 250 characters")
  .regex(/^[^\x00-\x1f\x7f]+$/, "must not contain control characters");

export const MAX_CONF_BYTES = 64 * 1024;

export const orchestratorRunInput = z.object({ runId: z.uuid("must be a run id") });
export type OrchestratorRunInput = z.infer<typeof orchestratorRunInput>;

export const orchestratorJobInput = z.object({ namespace: z.string().min(1).max(1_000), name: z.string().min(1).max(2_000) });
export type OrchestratorJobInput = z.infer<typeof orchestratorJobInput>;

export const taskLogInput = z.object({
  dagId: airflowKey,
  dagRunId,
  taskId: airflowKey,
  tryNumber: z.number().int().min(1, "must be 1 or more").max(1_000),
  mapIndex: z.number().int().min(-1).max(1_000_000).optional(),
});
export type TaskLogInput = z.infer<typeof taskLogInput>;

export const triggerDagRunInput = z.object({
  dagId: airflowKey,
  /** The run's conf: a JSON object (the dialog checks the text parses to one). */
  conf: z
    .record(z.string(), z.unknown(), "must be a JSON object")
    .refine((v) => JSON.stringify(v).length <= MAX_CONF_BYTES, `must be at most ${MAX_CONF_BYTES / 1024} KB of JSON`)
    .optional(),
  logicalDate: z.iso.datetime({ offset: true, error: "must be a date and time such as 2026-12-03T06:00:00Z" }).optional(),
  note: z.string().trim().max(1_000, "must be at most 1000 characters").optional(),
});
export type TriggerDagRunInput = z.infer<typeof triggerDagRunInput>;

export const clearTaskInput = z.object({
  dagId: airflowKey,
  dagRunId,
  taskId: airflowKey,
  includeDownstream: z.boolean().default(false),
});
export type ClearTaskInput = z.infer<typeof clearTaskInput>;
