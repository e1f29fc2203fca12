// Rules and channels: editors create, change and delete them (audited); everyone signed in sees
// them. A channel's secret is write-only: lists say whether one is set, never what it is.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { HandlerArgs, RequestContext } from "../handler";
import { DomainError } from "../errors";
import { recordAudit } from "../audit/audit";
import { parseNodeId } from "../lineage/read/node-id";
import { checkWebhookUrl, portalUrlPolicy } from "./url-safety";
import { storedChannelSecret } from "./channel-secret";
import { isVaultReference } from "../secrets";
import { likeLiteral } from "../db/like";
import { ruleTeams } from "./recipients";
import { deliverDue, enqueueDeliveries, type DeliveryOutcome } from "./outbox";
import type {
  channelInput,
  createChannelInput,
  createRuleInput,
  deleteInput,
  recipientTeamsInput,
  ruleInput,
  testChannelInput,
  updateChannelInput,
  updateRuleInput,
} from "./schemas";

const actor = (ctx: RequestContext) => ({ id: ctx.user.id, email: ctx.user.email });

const channelFields = { id: true, name: true, kind: true, url: true, secret: true, createdAt: true, updatedAt: true, createdBy: true } as const;

export async function listChannels({ ctx }: HandlerArgs) {
  const rows = await ctx.db.alertChannel.findMany({ select: channelFields, orderBy: { name: "asc" } });
  return rows.map(({ secret, ...c }) => ({ ...c, hasSecret: secret !== null }));
}

/** What to store as the channel's secret: a new one encrypted (channel-secret.ts), else the stored one kept as it is. */
function checkChannel(input: z.infer<typeof channelInput>, existingSecret: string | null): string | null {
  checkWebhookUrl(input.url, portalUrlPolicy());
  if (input.kind !== "json") return null;
  if (input.secret) {
    if (!isVaultReference(input.secret) && input.secret.length < 16)
      throw new DomainError("BAD_REQUEST", "secret: a generic JSON channel needs a signing secret of at least 16 characters.", { secret: ["must be at least 16 characters"] });
    try {
      return storedChannelSecret(input.secret);
    } catch (err) {
      throw new DomainError("BAD_REQUEST", `secret: ${(err as Error).message}`, { secret: [(err as Error).message] });
    }
  }
  if (!existingSecret)
    throw new DomainError("BAD_REQUEST", "secret: a generic JSON channel needs a signing secret of at least 16 characters.", { secret: ["must be at least 16 characters"] });
  return existingSecret;
}

export async function createChannel({ ctx, input }: HandlerArgs<z.infer<typeof createChannelInput>>) {
  const secret = checkChannel(input, null);
  return ctx.db.$transaction(async (tx) => {
    const c = await tx.alertChannel.create({ data: { name: input.name, kind: input.kind, url: input.url, secret, createdBy: ctx.user.email } });
    await recordAudit(tx, {
      actor: actor(ctx),
      action: "alerts.channel_created",
      subject: `alert-channel:${c.id}`,
      outcome: "success",
      ip: ctx.ip,
      details: { name: c.name, kind: c.kind, url: c.url },
    });
    return { id: c.id };
  });
}

export async function updateChannel({ ctx, input }: HandlerArgs<z.infer<typeof updateChannelInput>>) {
  const existing = await ctx.db.alertChannel.findUnique({ where: { id: input.id } });
  if (!existing) throw new DomainError("NOT_FOUND", "This channel no longer exists.");
  const secret = checkChannel(input.channel, existing.kind === "json" ? existing.secret : null);
  await ctx.db.$transaction(async (tx) => {
    await tx.alertChannel.update({ where: { id: input.id }, data: { name: input.channel.name, kind: input.channel.kind, url: input.channel.url, secret } });
    await recordAudit(tx, {
      actor: actor(ctx),
      action: "alerts.channel_updated",
      subject: `alert-channel:${input.id}`,
      outcome: "success",
      ip: ctx.ip,
      details: { name: input.channel.name, url: input.channel.url, secretChanged: Boolean(input.channel.secret) },
    });
  });
  return { id: input.id };
}

export async function deleteChannel({ ctx, input }: HandlerArgs<z.infer<typeof deleteInput>>) {
  await ctx.db.$transaction(async (tx) => {
    const c = await tx.alertChannel.findUnique({ where: { id: input.id } });
    if (!c) throw new DomainError("NOT_FOUND", "This channel no longer exists.");
    await tx.alertChannel.delete({ where: { id: input.id } });
    // Rules stop naming it; undelivered messages to it fail with "The channel was deleted."
    await tx.$executeRaw`UPDATE alert_rules SET channel_ids = array_remove(channel_ids, ${input.id}::uuid) WHERE ${input.id}::uuid = ANY(channel_ids)`;
    // Teams whose alerts went to it have none until an admin picks another (Admin › Teams).
    await tx.$executeRaw`UPDATE teams SET alert_channel_id = NULL WHERE alert_channel_id = ${input.id}::uuid`;
    await recordAudit(tx, { actor: actor(ctx), action: "alerts.channel_deleted", subject: `alert-channel:${input.id}`, outcome: "success", ip: ctx.ip, details: { name: c.name } });
  });
  return { id: input.id };
}

/** Sends a test message now and says what the receiver answered (retried later if it failed transiently). */
export async function testChannel({ ctx, input }: HandlerArgs<z.infer<typeof testChannelInput>>): Promise<{ deliveryId: string; outcome: DeliveryOutcome | null }> {
  const c = await ctx.db.alertChannel.findUnique({ where: { id: input.id } });
  if (!c) throw new DomainError("NOT_FOUND", "This channel no longer exists.");
  const key = `test:${c.id}:${randomUUID()}`;
  await enqueueDeliveries(ctx.db, [
    {
      channelId: c.id,
      incidentId: null,
      purpose: "test",
      idempotencyKey: key,
      message: {
        purpose: "test",
        title: "Test message",
        text: `A test of the alert channel “${c.name}”, sent by ${ctx.user.email}.`,
        severity: "info",
        firedAt: new Date().toISOString(),
      },
    },
  ]);
  const row = await ctx.db.alertDelivery.findUniqueOrThrow({ where: { idempotencyKey: key }, select: { id: true } });
  await recordAudit(ctx.db, { actor: actor(ctx), action: "alerts.channel_tested", subject: `alert-channel:${c.id}`, outcome: "success", ip: ctx.ip });
  const [outcome] = await deliverDue(ctx.db, { only: [row.id], timeoutMs: 5_000 });
  return { deliveryId: row.id, outcome: outcome ?? null };
}

/** Rules with their teams resolved (a deleted team is listed as such, so the rule shows it). */
export async function listRules({ ctx }: HandlerArgs) {
  const rules = await ctx.db.alertRule.findMany({ orderBy: { name: "asc" } });
  const teams = await ruleTeams(ctx.db, rules);
  return rules.map((r) => ({ ...r, teams: teams.get(r.id) ?? [] }));
}

/** Teams a rule may name, for the rule dialog (any signed-in user: names and channels only, no members). */
export async function listRecipientTeams({ ctx, input }: HandlerArgs<z.infer<typeof recipientTeamsInput>>) {
  const search = input.search?.trim();
  const teams = await ctx.db.team.findMany({
    where: search ? { name: { contains: likeLiteral(search), mode: "insensitive" } } : {},
    select: { id: true, name: true, alertChannelId: true },
    orderBy: { name: "asc" },
    take: 50,
  });
  const channels = await ctx.db.alertChannel.findMany({
    where: { id: { in: teams.flatMap((t) => (t.alertChannelId ? [t.alertChannelId] : [])) } },
    select: { id: true, name: true },
  });
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  return teams.map((t) => ({ id: t.id, name: t.name, channelName: t.alertChannelId ? (channelName.get(t.alertChannelId) ?? null) : null }));
}

async function checkRule(ctx: RequestContext, rule: z.infer<typeof ruleInput>) {
  if (rule.scopeKind === "job") parseNodeId(`job:${rule.scopeValue}`, "scopeValue");
  if (rule.channelIds.length > 0) {
    const found = await ctx.db.alertChannel.count({ where: { id: { in: rule.channelIds } } });
    if (found !== new Set(rule.channelIds).size)
      throw new DomainError("BAD_REQUEST", "channelIds: a chosen channel no longer exists.", { channelIds: ["names a channel that does not exist"] });
  }
  const teamIds = [...new Set(rule.teamIds)];
  if (teamIds.length > 0) {
    const found = await ctx.db.team.count({ where: { id: { in: teamIds } } });
    if (found !== teamIds.length)
      throw new DomainError("BAD_REQUEST", "teamIds: a chosen team was deleted; remove it from the rule.", { teamIds: ["names a team that does not exist"] });
  }
  return {
    name: rule.name,
    kind: rule.kind,
    scopeKind: rule.scopeKind,
    scopeValue: rule.scopeValue,
    deadline: rule.kind === "job_late" ? (rule.deadline ?? null) : null,
    channelIds: [...new Set(rule.channelIds)],
    teamIds,
    enabled: rule.enabled,
  };
}

export async function createRule({ ctx, input }: HandlerArgs<z.infer<typeof createRuleInput>>) {
  const data = await checkRule(ctx, input);
  return ctx.db.$transaction(async (tx) => {
    const r = await tx.alertRule.create({ data: { ...data, createdBy: ctx.user.email } });
    await recordAudit(tx, { actor: actor(ctx), action: "alerts.rule_created", subject: `alert-rule:${r.id}`, outcome: "success", ip: ctx.ip, details: data });
    return { id: r.id };
  });
}

export async function updateRule({ ctx, input }: HandlerArgs<z.infer<typeof updateRuleInput>>) {
  const data = await checkRule(ctx, input.rule);
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.alertRule.updateMany({ where: { id: input.id }, data });
    if (count === 0) throw new DomainError("NOT_FOUND", "This rule no longer exists.");
    await recordAudit(tx, { actor: actor(ctx), action: "alerts.rule_updated", subject: `alert-rule:${input.id}`, outcome: "success", ip: ctx.ip, details: data });
  });
  return { id: input.id };
}

export async function deleteRule({ ctx, input }: HandlerArgs<z.infer<typeof deleteInput>>) {
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.alertRule.deleteMany({ where: { id: input.id } });
    if (count === 0) throw new DomainError("NOT_FOUND", "This rule no longer exists.");
    await recordAudit(tx, { actor: actor(ctx), action: "alerts.rule_deleted", subject: `alert-rule:${input.id}`, outcome: "success", ip: ctx.ip });
  });
  return { id: input.id };
}
