// Zod schemas of the Airflow stable REST API (/api/v1) answers the adapter reads, after the
// published OpenAPI spec (testing/airflow-v1-openapi.json keeps the part we rely on). Fields
// added in later 2.x versions are optional; unknown fields are ignored, so a newer Airflow still
// parses. An answer that does not parse is "garbage" (a clear error), never a crash.
import { z } from "zod";

/** Airflow sends ISO 8601 with an offset ("2024-05-01T06:00:00+00:00"); read as a Date. */
const dateTime = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), "not a date-time")
  .transform((v) => new Date(v));
const nullableDate = dateTime
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const optionalString = z
  .string()
  .nullable()
  .optional()
  .transform((v) => v ?? null);

const collectionInfo = { total_entries: z.number().int().min(0) };

// ScheduleInterval: a TimeDelta, RelativeDelta or CronExpression object, or null.
const scheduleInterval = z
  .object({ __type: z.string(), value: z.string().optional(), days: z.number().optional(), seconds: z.number().optional() })
  .passthrough()
  .nullable()
  .optional();

export const airflowDag = z.object({
  dag_id: z.string().min(1),
  dag_display_name: z.string().optional(),
  is_paused: z.boolean().nullable().optional(),
  is_active: z.boolean().nullable().optional(),
  owners: z.array(z.string()).optional().default([]),
  tags: z
    .array(z.object({ name: z.string() }))
    .nullable()
    .optional()
    .transform((v) => v ?? []),
  schedule_interval: scheduleInterval,
  timetable_description: optionalString,
  next_dagrun: nullableDate,
  next_dagrun_data_interval_start: nullableDate,
  next_dagrun_data_interval_end: nullableDate,
  next_dagrun_create_after: nullableDate,
});
export type AirflowDag = z.infer<typeof airflowDag>;

export const airflowDagCollection = z.object({ dags: z.array(airflowDag), ...collectionInfo });

export const airflowDagRun = z.object({
  dag_run_id: z.string().min(1),
  dag_id: z.string().min(1),
  logical_date: nullableDate,
  execution_date: nullableDate,
  start_date: nullableDate,
  end_date: nullableDate,
  data_interval_start: nullableDate,
  data_interval_end: nullableDate,
  run_type: z.string().optional(),
  // DagState: queued, running, success, failed (a newer Airflow may add more; shown as sent).
  state: z.string().min(1),
  external_trigger: z.boolean().optional(),
  conf: z.record(z.string(), z.unknown()).nullable().optional(),
  note: optionalString,
});
export type AirflowDagRun = z.infer<typeof airflowDagRun>;

export const airflowDagRunCollection = z.object({ dag_runs: z.array(airflowDagRun), ...collectionInfo });

export const airflowTaskInstance = z.object({
  task_id: z.string().min(1),
  task_display_name: z.string().optional(),
  dag_id: z.string(),
  dag_run_id: z.string().optional(),
  start_date: nullableDate,
  end_date: nullableDate,
  duration: z.number().nullable().optional(),
  // TaskState: null (2.7+) or "none" (older) = no status yet.
  state: z.string().nullable().optional(),
  try_number: z.number().int().min(0),
  map_index: z.number().int().optional(),
  max_tries: z.number().int().optional(),
  hostname: z.string().nullable().optional(),
  pool: z.string().nullable().optional(),
  operator: optionalString,
  queued_when: nullableDate,
  note: optionalString,
});
export type AirflowTaskInstance = z.infer<typeof airflowTaskInstance>;

export const airflowTaskInstanceCollection = z.object({ task_instances: z.array(airflowTaskInstance), ...collectionInfo });

export const airflowTaskInstanceReferenceCollection = z.object({
  task_instances: z.array(z.object({ task_id: z.string(), dag_id: z.string(), dag_run_id: z.string(), execution_date: z.string().optional() })),
});

const healthStatus = z.string().nullable().optional();
export const airflowHealth = z.object({
  metadatabase: z.object({ status: healthStatus }).optional(),
  scheduler: z.object({ status: healthStatus, latest_scheduler_heartbeat: nullableDate }).optional(),
  triggerer: z.object({ status: healthStatus, latest_triggerer_heartbeat: nullableDate }).optional(),
  dag_processor: z.object({ status: healthStatus, latest_dag_processor_heartbeat: nullableDate }).optional(),
});

/** RFC 7807 problem details, as Airflow sends them with every error status. */
export const airflowError = z.object({ type: z.string().optional(), title: z.string(), status: z.number(), detail: z.string().optional() });
