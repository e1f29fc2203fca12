// The input of each pipelines operation (one zod schema per operation; types by z.infer).
import { z } from "zod";
import { STATE_FILTERS, WINDOWS } from "../../lib/pipelines/run-states";

const windowSchema = z.enum(Object.keys(WINDOWS) as [keyof typeof WINDOWS, ...(keyof typeof WINDOWS)[]], { message: "must be 24h, 7d or 30d" }).default("7d");
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const cursor = z.string().max(200, "is not a cursor this list gave").optional();

/** Every pipeline (a job without a parent: a DAG, a dbt project, a lone job) with its tasks. */
export const PIPELINE_SORTS = ["name", "recent", "success", "duration"] as const;

export const pipelinesListInput = z.object({
  window: windowSchema,
  /** The state of the pipeline's last run. */
  state: z.enum(STATE_FILTERS).optional(),
  namespace: text(500).optional(),
  /** A catalog owner (e-mail or team) of a dataset the pipeline or one of its tasks writes. */
  owner: text(320).optional(),
  /** Part of the pipeline's name or of one of its tasks' names. */
  q: text(200).optional(),
  /** name (A→Z), recent (last run, newest first), success (success rate over the window, lowest first), duration (median over the window, longest first). */
  sort: z.enum(PIPELINE_SORTS, "must be name, recent, success or duration").default("name"),
  cursor,
  limit: z.number().int().min(1).max(100).default(25),
});
export type PipelinesListInput = z.infer<typeof pipelinesListInput>;

const when = z.coerce.date({ message: "must be a date and time" });

/** Runs across all jobs, newest first, paged by keyset. */
export const runsListInput = z
  .object({
    states: z.array(z.enum(STATE_FILTERS)).max(4).optional(),
    namespace: text(500).optional(),
    /** One job, by namespace and name (the job page's list). */
    job: z.object({ namespace: text(500), name: text(1000) }).optional(),
    /** Part of a job's name. */
    q: text(200).optional(),
    from: when.optional(),
    to: when.optional(),
    minSeconds: z.number().min(0, "must not be negative").max(31_622_400).optional(),
    maxSeconds: z.number().min(0, "must not be negative").max(31_622_400).optional(),
    /** Only runs without a parent run (DAG runs, not their task runs). */
    topLevel: z.boolean().default(false),
    cursor,
    limit: z.number().int().min(1).max(100).default(50),
  })
  .superRefine((input, ctx) => {
    if (input.from && input.to && input.from.getTime() > input.to.getTime()) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before the start of the range" });
    if (input.minSeconds !== undefined && input.maxSeconds !== undefined && input.minSeconds > input.maxSeconds)
      ctx.addIssue({ code: "custom", path: ["maxSeconds"], message: "must not be below the shortest duration" });
  });
export type RunsListInput = z.infer<typeof runsListInput>;

export const runDetailInput = z.object({ runId: z.uuid("must be a run id") });
export type RunDetailInput = z.infer<typeof runDetailInput>;

export const jobDetailInput = z.object({ namespace: text(500).min(1, "is required"), name: text(1000).min(1, "is required"), window: windowSchema });
export type JobDetailInput = z.infer<typeof jobDetailInput>;

/** The pipelines page's charts: runs per day and state, and the timeline of recent runs. */
export const overviewInput = z.object({ window: windowSchema });
export type OverviewInput = z.infer<typeof overviewInput>;

/** The longest time window the timeline draws: its bars are bounded, and so is its span. */
export const TIMELINE_MAX_HOURS = 7 * 24;

export const timelineInput = z.object({ from: when, to: when, namespace: text(500).optional() }).superRefine((input, ctx) => {
  const hours = (input.to.getTime() - input.from.getTime()) / 3_600_000;
  if (hours <= 0) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after the start of the window" });
  else if (hours > TIMELINE_MAX_HOURS) ctx.addIssue({ code: "custom", path: ["to"], message: `the window may span at most ${TIMELINE_MAX_HOURS / 24} days` });
});
export type TimelineInput = z.infer<typeof timelineInput>;
