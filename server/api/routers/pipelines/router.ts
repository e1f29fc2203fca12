// pipelines.*: wiring only; the rules are in server/pipelines. Everyone signed in reads them.
import { createTRPCRouter, protectedProcedure } from "../../trpc";
import { listPipelines } from "../../../pipelines/pipelines-list";
import { listRuns } from "../../../pipelines/runs-list";
import { runDetail } from "../../../pipelines/run-detail";
import { jobDetail } from "../../../pipelines/job-detail";
import { pipelinesOverview, pipelinesTimeline } from "../../../pipelines/overview";
import { jobDetailInput, overviewInput, pipelinesListInput, runDetailInput, runsListInput, timelineInput } from "../../../pipelines/schemas";

export const pipelinesRouter = createTRPCRouter({
  /** Every pipeline with its tasks, last state, success rate, median duration, cadence and freshness. */
  list: protectedProcedure.input(pipelinesListInput).query(listPipelines),
  /** Runs across all jobs, newest first, keyset-paged. */
  runs: protectedProcedure.input(runsListInput).query(listRuns),
  /** One run: state history, readable facets, datasets, child runs. */
  run: protectedProcedure.input(runDetailInput).query(runDetail),
  /** One job: figures, duration trend, runs per day. */
  job: protectedProcedure.input(jobDetailInput).query(jobDetail),
  /** Runs per day by outcome over the window. */
  overview: protectedProcedure.input(overviewInput).query(pipelinesOverview),
  /** All pipelines' runs in a time window (bounded). */
  timeline: protectedProcedure.input(timelineInput).query(pipelinesTimeline),
});
