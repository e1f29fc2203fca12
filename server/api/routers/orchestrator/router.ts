// orchestrator.*: wiring only; the rules are in server/orchestrators. Everyone signed in sees the
// orchestrator's view of runs and task logs; editors trigger DAG runs and clear tasks (audited).
import { createTRPCRouter, editorProcedure, protectedProcedure } from "../../trpc";
import { clearTask, jobOrchestration, orchestratorStatus, runOrchestration, taskLog, triggerDagRun } from "../../../orchestrators/orchestrator";
import { clearTaskInput, orchestratorJobInput, orchestratorRunInput, taskLogInput, triggerDagRunInput } from "../../../orchestrators/schemas";

export const orchestratorRouter = createTRPCRouter({
  /** Whether an orchestrator is configured, and whether it answers. */
  status: protectedProcedure.query(orchestratorStatus),
  /** A run as the orchestrator sees it: DAG run state, every task instance, the next run. */
  run: protectedProcedure.input(orchestratorRunInput).query(runOrchestration),
  /** A job's DAG: paused or not, schedule, next run. */
  job: protectedProcedure.input(orchestratorJobInput).query(jobOrchestration),
  /** The last 64 KB of a task instance's log for one try. */
  taskLog: protectedProcedure.input(taskLogInput).query(taskLog),
  triggerDagRun: editorProcedure.input(triggerDagRunInput).mutation(triggerDagRun),
  clearTask: editorProcedure.input(clearTaskInput).mutation(clearTask),
});
