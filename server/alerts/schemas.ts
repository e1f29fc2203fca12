// The input of each alerts operation (one zod schema per operation; types by z.infer).
import { z } from "zod";

const text = (max: number) => z.string("must be text").trim().max(max, `must be at most ${max} characters`);
const id = z.uuid("must be an id");

export const RULE_KINDS = ["job_failed", "job_late", "dataset_stale"] as const;
export const SCOPE_KINDS = ["job", "namespace", "tag"] as const;
export const CHANNEL_KINDS = ["slack", "json"] as const;

/** A daily deadline in UTC, `HH:MM` from 00:00 to 23:59. */
const deadline = z
  .string("must be a time HH:MM")
  .trim()
  .refine((s) => {
    const m = /^(\d{2}):(\d{2})$/.exec(s);
    return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60;
  }, "must be a time of day HH:MM (UTC) between 00:00 and 23:59");

export const ruleInput = z
  .object({
    name: text(200).min(1, "is required"),
    kind: z.enum(RULE_KINDS, "must be job_failed, job_late or dataset_stale"),
    scopeKind: z.enum(SCOPE_KINDS, "must be job, namespace or tag"),
    /** `<namespace>:<job name>` for a job; a namespace; a tag. */
    scopeValue: text(1500).min(1, "is required"),
    /** job_late only: the daily UTC deadline; without one the job's usual cadence decides. */
    deadline: deadline.nullish(),
    channelIds: z.array(id, "must be a list of channels").max(20, "may hold at most 20 channels").default([]),
    /** Teams notified through their own alert channel, with their members named in the message. */
    teamIds: z.array(z.uuid("must be a team id"), "must be a list of teams").max(20, "may hold at most 20 teams").default([]),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    if (rule.deadline && rule.kind !== "job_late") ctx.addIssue({ code: "custom", path: ["deadline"], message: "applies to “job did not finish” rules only" });
    if (rule.scopeKind === "job" && !rule.scopeValue.includes(":")) ctx.addIssue({ code: "custom", path: ["scopeValue"], message: "must name a job as <namespace>:<job name>" });
  });
export type RuleInput = z.infer<typeof ruleInput>;

export const createRuleInput = ruleInput;
export const updateRuleInput = z.object({ id, rule: ruleInput });
export const deleteInput = z.object({ id });
export const recipientTeamsInput = z.strictObject({ search: z.string("must be text").trim().max(100).optional() });

export const channelInput = z.object({
  name: text(200).min(1, "is required"),
  kind: z.enum(CHANNEL_KINDS, "must be slack or json"),
  url: text(2000).min(1, "is required"),
  /** json channels: the HMAC-SHA256 key (at least 16 characters). Left empty on update: unchanged. */
  secret: text(500).optional(),
});
export const createChannelInput = channelInput;
export const updateChannelInput = z.object({ id, channel: channelInput });
export const testChannelInput = z.object({ id });

export const historyInput = z.object({
  /** Only incidents fired before this one (keyset by fired_at, id). */
  before: z.object({ firedAt: z.coerce.date("must be a date"), id }).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export const deliveriesInput = z.object({
  incidentId: id.optional(),
  /** Only messages queued before this one (keyset by created_at, id). */
  before: z.object({ createdAt: z.coerce.date("must be a date"), id }).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** A failed or aborted run, or a "job did not finish" incident (late: no run to point at, its job is known). */
const impactTarget = z.union([z.object({ runId: z.uuid("must be a run id") }), z.object({ incidentId: z.uuid("must be an incident id") })], "must name a run or an incident");
export const runImpactInput = impactTarget;
export const notifyOwnersInput = z.intersection(
  impactTarget,
  z.object({
    /** Channels to notify through (default: every channel). */
    channelIds: z.array(id).max(20).optional(),
  }),
);
