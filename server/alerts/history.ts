// What fired and what was delivered: the alert history (incidents, newest first) and the
// delivery log (each message with its attempts). Everyone signed in reads both.
import type { z } from "zod";
import type { HandlerArgs } from "../handler";
import type { deliveriesInput, historyInput } from "./schemas";

export async function alertHistory({ ctx, input }: HandlerArgs<z.infer<typeof historyInput>>) {
  const rows = await ctx.db.alertIncident.findMany({
    where: input.before ? { OR: [{ firedAt: { lt: input.before.firedAt } }, { firedAt: input.before.firedAt, id: { lt: input.before.id } }] } : undefined,
    orderBy: [{ firedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const rules = await ctx.db.alertRule.findMany({ where: { id: { in: [...new Set(page.map((r) => r.ruleId))] } }, select: { id: true, name: true } });
  const deliveries = await ctx.db.alertDelivery.groupBy({ by: ["incidentId", "status"], where: { incidentId: { in: page.map((r) => r.id) } }, _count: { _all: true } });
  const ruleName = new Map(rules.map((r) => [r.id, r.name]));
  return {
    incidents: page.map((r) => ({
      id: r.id,
      ruleId: r.ruleId,
      ruleName: ruleName.get(r.ruleId) ?? null,
      kind: r.kind,
      subject: r.subject,
      summary: r.summary,
      runId: r.runId,
      firedAt: r.firedAt,
      deliveries: Object.fromEntries(deliveries.filter((d) => d.incidentId === r.id).map((d) => [d.status, d._count._all])) as Record<string, number>,
    })),
    next: rows.length > input.limit ? { firedAt: page[page.length - 1]!.firedAt, id: page[page.length - 1]!.id } : null,
  };
}

export async function deliveryLog({ ctx, input }: HandlerArgs<z.infer<typeof deliveriesInput>>) {
  const rows = await ctx.db.alertDelivery.findMany({
    where: {
      ...(input.incidentId ? { incidentId: input.incidentId } : {}),
      ...(input.before ? { OR: [{ createdAt: { lt: input.before.createdAt } }, { createdAt: input.before.createdAt, id: { lt: input.before.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      channelId: true,
      incidentId: true,
      purpose: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastError: true,
      deliveredAt: true,
      createdAt: true,
      payload: true,
    },
  });
  const next = rows.length > input.limit ? rows[input.limit - 1]! : null;
  rows.length = Math.min(rows.length, input.limit);
  const [channels, attempts] = await Promise.all([
    ctx.db.alertChannel.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.channelId))] } }, select: { id: true, name: true } }),
    ctx.db.alertDeliveryAttempt.findMany({ where: { deliveryId: { in: rows.map((r) => r.id) } }, orderBy: { id: "asc" } }),
  ]);
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  return {
    deliveries: rows.map(({ payload, ...r }) => ({
      ...r,
      title: typeof payload === "object" && payload && "title" in payload ? String(payload.title) : "",
      channelName: channelName.get(r.channelId) ?? null,
      attemptLog: attempts.filter((a) => a.deliveryId === r.id).map((a) => ({ at: a.at, httpStatus: a.httpStatus, error: a.error, durationMs: a.durationMs })),
    })),
    next: next ? { createdAt: next.createdAt, id: next.id } : null,
  };
}
