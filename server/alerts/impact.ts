// Failure → impact → owners: from a run (failed or late), the datasets downstream of its job that
// it leaves stale (the lineage walk of server/lineage/view/impact.ts), with their catalog owners;
// and "Notify owners", which sends one message listing them through the alert channels (audited).
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { HandlerArgs } from "../handler";
import { DomainError } from "../errors";
import { recordAudit } from "../audit/audit";
import { lineageImpact, type ImpactDataset } from "../lineage/view/impact";
import { jobNodeId } from "../lineage/read/node-id";
import { runHref } from "../../lib/lineage/view-paths";
import { deliverDue, enqueueDeliveries } from "./outbox";
import { logger } from "../logger";
import type { notifyOwnersInput, runImpactInput } from "./schemas";

export type RunImpact = {
  run: { id: string; state: string; namespace: string; job: string; error: string | null; at: Date };
  datasets: (ImpactDataset & { step: number })[];
  owners: string[];
  truncated: string | null;
  channels: number;
};

export async function runImpact({ ctx, input }: HandlerArgs<z.infer<typeof runImpactInput>>): Promise<RunImpact> {
  const run = await ctx.db.lineageRun.findUnique({
    where: { id: input.runId },
    select: { id: true, state: true, stateAt: true, errorMessage: true, job: { select: { name: true, namespace: { select: { name: true } } } } },
  });
  if (!run) throw new DomainError("NOT_FOUND", "This run is not known to the portal.");
  const impact = await lineageImpact({ ctx, input: { focus: jobNodeId(run.job.namespace.name, run.job.name), depth: 20 } });
  const datasets = impact.steps.flatMap((s) => s.datasets.map((d) => ({ ...d, step: s.step })));
  const owners = [...new Set(datasets.flatMap((d) => d.owners))].sort();
  return {
    run: { id: run.id, state: run.state, namespace: run.job.namespace.name, job: run.job.name, error: run.errorMessage, at: run.stateAt },
    datasets,
    owners,
    truncated: impact.truncated,
    channels: await ctx.db.alertChannel.count(),
  };
}

export async function notifyOwners({ ctx, input }: HandlerArgs<z.infer<typeof notifyOwnersInput>>) {
  const impact = await runImpact({ ctx, input: { runId: input.runId } });
  const channels = await ctx.db.alertChannel.findMany({ where: input.channelIds ? { id: { in: input.channelIds } } : undefined, select: { id: true } });
  if (channels.length === 0) throw new DomainError("BAD_REQUEST", "There is no alert channel to notify through; an editor can add one under Pipelines › Alerts.");
  if (impact.datasets.length === 0) throw new DomainError("BAD_REQUEST", "This run leaves no downstream dataset stale, so there is nobody to notify.");
  const { run } = impact;
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
          title: `${run.job} ${run.state === "FAIL" ? "failed" : "is late"}: downstream data is stale`,
          text: `${run.namespace}:${run.job} (${run.state}) leaves ${impact.datasets.length} downstream dataset${impact.datasets.length === 1 ? "" : "s"} stale.\nOwners: ${impact.owners.join(", ") || "none recorded"}\n${list}${more}\nSent by ${ctx.user.email}.`,
          severity: run.state === "FAIL" ? ("critical" as const) : ("warning" as const),
          subject: `${run.namespace}:${run.job}`,
          runId: run.id,
          link: runHref(run.id),
          firedAt: new Date().toISOString(),
          details: { owners: impact.owners, datasets: impact.datasets.map((d) => ({ namespace: d.namespace, name: d.name, owners: d.owners })) },
        },
      })),
    );
    await recordAudit(tx, {
      actor: { id: ctx.user.id, email: ctx.user.email },
      action: "alerts.owners_notified",
      subject: `run:${run.id}`,
      outcome: "success",
      ip: ctx.ip,
      details: { owners: impact.owners, datasets: impact.datasets.length, channels: channels.length },
    });
  });
  // Sent in the background: a slow receiver never holds up the page (the outbox retries).
  void deliverDue(ctx.db).catch((err: unknown) => logger.warn({ err }, "alert delivery pass failed"));
  return { owners: impact.owners, datasets: impact.datasets.length, channels: channels.length };
}
