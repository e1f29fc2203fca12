// Failure → impact → owners: from a failed run, or a "job did not finish" (job_late) incident,
// the datasets downstream of the job that it leaves stale (the lineage walk of
// server/lineage/view/impact.ts), with their catalog owners; and "Notify owners", which sends one
// message listing them through the alert channels (audited). A late job has no failed run: its
// incident names the job, and the panel shows the job's last run for context.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { HandlerArgs } from "../handler";
import { DomainError } from "../errors";
import { recordAudit } from "../audit/audit";
import { lineageImpact, type ImpactDataset } from "../lineage/view/impact";
import { jobNodeId } from "../lineage/read/node-id";
import { jobHref, runHref } from "../../lib/lineage/view-paths";
import { deliverDue, enqueueDeliveries } from "./outbox";
import { logger } from "../logger";
import type { notifyOwnersInput, runImpactInput } from "./schemas";

export type RunImpact = {
  /** What the impact is of: a failed run, or a late job (`late`, with its last run if it ever ran). */
  run: { id: string | null; state: string; namespace: string; job: string; error: string | null; at: Date; late: boolean };
  incidentId: string | null;
  datasets: (ImpactDataset & { step: number })[];
  owners: string[];
  truncated: string | null;
  channels: number;
};

type Subject = Omit<RunImpact, "datasets" | "owners" | "truncated" | "channels">;

async function subjectOf(ctx: HandlerArgs["ctx"], input: z.infer<typeof runImpactInput>): Promise<Subject> {
  const select = { id: true, state: true, stateAt: true, errorMessage: true, job: { select: { name: true, namespace: { select: { name: true } } } } } as const;
  if ("runId" in input) {
    const run = await ctx.db.lineageRun.findUnique({ where: { id: input.runId }, select });
    if (!run) throw new DomainError("NOT_FOUND", "This run is not known to the portal.");
    return {
      run: { id: run.id, state: run.state, namespace: run.job.namespace.name, job: run.job.name, error: run.errorMessage, at: run.stateAt, late: false },
      incidentId: null,
    };
  }
  const incident = await ctx.db.alertIncident.findUnique({ where: { id: input.incidentId }, select: { id: true, kind: true, details: true, firedAt: true } });
  if (!incident) throw new DomainError("NOT_FOUND", "This alert is not known to the portal.");
  const details = incident.details as { namespace?: unknown; job?: unknown };
  if (incident.kind !== "job_late" || typeof details.namespace !== "string" || typeof details.job !== "string")
    throw new DomainError("BAD_REQUEST", "Only a “job did not finish” alert has an impact of its own; a failed run's impact is on the run's page.");
  const last = await ctx.db.lineageRun.findFirst({
    where: { job: { name: details.job, namespace: { name: details.namespace } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select,
  });
  return {
    run: { id: last?.id ?? null, state: last?.state ?? "LATE", namespace: details.namespace, job: details.job, error: null, at: incident.firedAt, late: true },
    incidentId: incident.id,
  };
}

export async function runImpact({ ctx, input }: HandlerArgs<z.infer<typeof runImpactInput>>): Promise<RunImpact> {
  const subject = await subjectOf(ctx, input);
  const impact = await lineageImpact({ ctx, input: { focus: jobNodeId(subject.run.namespace, subject.run.job), depth: 20 } });
  const datasets = impact.steps.flatMap((s) => s.datasets.map((d) => ({ ...d, step: s.step })));
  const owners = [...new Set(datasets.flatMap((d) => d.owners))].sort();
  return { ...subject, datasets, owners, truncated: impact.truncated, channels: await ctx.db.alertChannel.count() };
}

export async function notifyOwners({ ctx, input }: HandlerArgs<z.infer<typeof notifyOwnersInput>>) {
  const impact = await runImpact({ ctx, input: "runId" in input ? { runId: input.runId } : { incidentId: input.incidentId } });
  const channels = await ctx.db.alertChannel.findMany({ where: input.channelIds ? { id: { in: input.channelIds } } : undefined, select: { id: true } });
  if (channels.length === 0) throw new DomainError("BAD_REQUEST", "There is no alert channel to notify through; an editor can add one under Pipelines › Alerts.");
  if (impact.datasets.length === 0) throw new DomainError("BAD_REQUEST", "This run leaves no downstream dataset stale, so there is nobody to notify.");
  const { run } = impact;
  const what = run.late ? "is late" : run.state === "FAIL" ? "failed" : "was aborted";
  const list = impact.datasets
    .slice(0, 20)
    .map((d) => `• ${d.name} (${d.owners.length ? d.owners.join(", ") : "no owner"})`)
    .join("\n");
  const more = impact.datasets.length > 20 ? `\n…and ${impact.datasets.length - 20} more` : "";
  const notice = randomUUID();
  await ctx.db.$transaction(async (tx) => {
    await enqueueDeliveries(
      tx,
      channels.map((c) => ({
        channelId: c.id,
        incidentId: null,
        purpose: "notify" as const,
        idempotencyKey: `notify:${notice}:${c.id}`,
        message: {
          purpose: "notify",
          title: `${run.job} ${what}: downstream data is stale`,
          text: `${run.namespace}:${run.job} ${what} and leaves ${impact.datasets.length} downstream dataset${impact.datasets.length === 1 ? "" : "s"} stale.\nOwners: ${impact.owners.join(", ") || "none recorded"}\n${list}${more}\nSent by ${ctx.user.email}.`,
          severity: run.late ? ("warning" as const) : ("critical" as const),
          subject: `${run.namespace}:${run.job}`,
          ...(run.id ? { runId: run.id } : {}),
          link: run.late || !run.id ? jobHref(run.namespace, run.job) : runHref(run.id),
          firedAt: new Date().toISOString(),
          details: { owners: impact.owners, datasets: impact.datasets.map((d) => ({ namespace: d.namespace, name: d.name, owners: d.owners })) },
        },
      })),
    );
    await recordAudit(tx, {
      actor: { id: ctx.user.id, email: ctx.user.email },
      action: "alerts.owners_notified",
      subject: impact.incidentId ? `alert:${impact.incidentId}` : `run:${run.id}`,
      outcome: "success",
      ip: ctx.ip,
      details: { owners: impact.owners, datasets: impact.datasets.length, channels: channels.length },
    });
  });
  // Sent in the background: a slow receiver never holds up the page (the outbox retries).
  void deliverDue(ctx.db).catch((err: unknown) => logger.warn({ err }, "alert delivery pass failed"));
  return { owners: impact.owners, datasets: impact.datasets.length, channels: channels.length };
}
