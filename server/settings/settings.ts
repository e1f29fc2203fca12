// Admin › Settings: list each setting with its effective value and where it comes from, change it
// (with the version read, so two admins editing the same setting cannot overwrite each other), and
// reset it to its default. A setting whose environment variable is set is locked: the environment
// wins, and changing it here is refused. Every change is audited with the value before and after,
// and bumps settings_revision in the same transaction, which is how every replica notices it
// (./snapshot.ts); this replica re-reads at once.
import type { Prisma } from "../db/generated/client";
import { getConfig } from "../config/env";
import { DomainError } from "../errors";
import type { HandlerArgs } from "../handler";
import { recordAudit } from "../audit/audit";
import { objectStore, type ObjectStore } from "../storage";
import { definitionOf, SETTING_KEYS, type SettingGroup, type SettingInput, type SettingKey } from "../../lib/settings/definitions";
import { isLocked, resolveSetting, type SettingSource } from "./effective";
import { settingsSnapshot } from "./snapshot-slot";
import type { ResetSettingInput, UpdateSettingInput } from "./schemas";

export type SettingView = {
  key: SettingKey;
  group: SettingGroup;
  label: string;
  help: string;
  input: SettingInput;
  value: unknown;
  default: unknown;
  source: SettingSource;
  /** The environment variable that sets it (locked when `locked`). */
  env: string | null;
  locked: boolean;
  /** Of the stored row; 0 when nothing is stored. Send it back with a change. */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
};

type Row = { key: string; value: Prisma.JsonValue; version: number; updatedAt: Date; updatedBy: string | null };

function viewOf(key: SettingKey, row: Row | undefined): SettingView {
  const definition = definitionOf(key);
  // A stored value its schema now refuses is shown as not applied: the default is in effect.
  const parsed = row ? definition.schema.safeParse(row.value) : undefined;
  const { value, source } = resolveSetting(key, parsed?.success ? { value: parsed.data } : undefined);
  return {
    key,
    group: definition.group,
    label: definition.label,
    help: definition.help,
    input: definition.input,
    value,
    default: definition.default,
    source,
    env: definition.env ?? null,
    locked: isLocked(key),
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

export async function listSettings({ ctx }: HandlerArgs<undefined>): Promise<SettingView[]> {
  const rows = new Map((await ctx.db.adminSetting.findMany()).map((row) => [row.key, row]));
  return SETTING_KEYS.map((key) => viewOf(key, rows.get(key)));
}

function refuseLocked(key: SettingKey): void {
  if (!isLocked(key)) return;
  const env = definitionOf(key).env!;
  throw new DomainError(
    "FORBIDDEN",
    `${definitionOf(key).label} is set by the environment variable ${env}, which wins over Admin › Settings; change or unset ${env} where the portal is deployed.`,
  );
}

function conflict(key: SettingKey, current: Row | null): DomainError {
  const label = definitionOf(key).label;
  if (!current)
    return new DomainError(
      "CONFLICT",
      `${label} was reset to its default by someone else since you opened this page. Your change was not saved: reload to see the current value, then apply yours again.`,
    );
  const when = current.updatedAt.toISOString().replace("T", " ").slice(0, 19);
  return new DomainError(
    "CONFLICT",
    `${current.updatedBy ?? "Someone"} changed ${label} at ${when} UTC since you opened this page. Your change was not saved: reload to see theirs, then apply yours again.`,
  );
}

async function bumpRevision(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`INSERT INTO settings_revision (id, revision) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET revision = settings_revision.revision + 1`;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

/** After a change saved here: use it on this replica now instead of at the next poll. */
async function applyHere(): Promise<void> {
  await settingsSnapshot()
    ?.refresh()
    .catch(() => {});
}

/** The audit shape of a value: what was in effect, and whether it was stored or the default. */
function effectiveOf(key: SettingKey, row: Row | null) {
  const parsed = row ? definitionOf(key).schema.safeParse(row.value) : undefined;
  return parsed?.success ? { value: parsed.data as Prisma.InputJsonValue, source: "stored" } : { value: definitionOf(key).default as Prisma.InputJsonValue, source: "default" };
}

export async function updateSetting({ ctx, input }: HandlerArgs<UpdateSettingInput>): Promise<SettingView> {
  const { key } = input;
  refuseLocked(key);
  const parsed = definitionOf(key).schema.safeParse(input.value);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => issue.message).join("; ");
    throw new DomainError("BAD_REQUEST", `${definitionOf(key).label} ${message}.`, { value: [message] });
  }
  const value = parsed.data as Prisma.InputJsonValue;
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const before = await tx.adminSetting.findUnique({ where: { key } });
      if ((before?.version ?? 0) !== input.version) throw conflict(key, before);
      let saved: Row;
      if (before) {
        const changed = await tx.adminSetting.updateMany({ where: { key, version: input.version }, data: { value, version: { increment: 1 }, updatedBy: ctx.user.email } });
        if (changed.count === 0) throw conflict(key, await tx.adminSetting.findUnique({ where: { key } }));
        saved = await tx.adminSetting.findUniqueOrThrow({ where: { key } });
      } else {
        saved = await tx.adminSetting.create({ data: { key, value, updatedBy: ctx.user.email } });
      }
      await bumpRevision(tx);
      await recordAudit(tx, {
        actor: ctx.user,
        action: "setting.updated",
        subject: key,
        outcome: "success",
        ip: ctx.ip,
        details: { before: effectiveOf(key, before), after: { value, source: "stored" } },
      });
      return saved;
    });
    await applyHere();
    return viewOf(key, row);
  } catch (err) {
    // Two first saves at once: the loser's insert hits the primary key.
    if (isUniqueViolation(err)) throw conflict(key, await ctx.db.adminSetting.findUnique({ where: { key } }));
    throw err;
  }
}

export async function resetSetting({ ctx, input }: HandlerArgs<ResetSettingInput>): Promise<SettingView> {
  const { key } = input;
  refuseLocked(key);
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.adminSetting.findUnique({ where: { key } });
    if ((before?.version ?? 0) !== input.version) throw conflict(key, before);
    if (!before) return; // already the default: nothing to change, nothing to audit
    const gone = await tx.adminSetting.deleteMany({ where: { key, version: input.version } });
    if (gone.count === 0) throw conflict(key, await tx.adminSetting.findUnique({ where: { key } }));
    await bumpRevision(tx);
    await recordAudit(tx, {
      actor: ctx.user,
      action: "setting.reset",
      subject: key,
      outcome: "success",
      ip: ctx.ip,
      details: { before: effectiveOf(key, before), after: effectiveOf(key, null) },
    });
  });
  await applyHere();
  return viewOf(key, undefined);
}

/** The buckets that exist now, for the access rules' preview (the result bucket is never browsable). */
export async function listStoreBuckets(_args: HandlerArgs<undefined>, store?: ObjectStore): Promise<{ buckets: string[]; store: string }> {
  const s = store ?? (await objectStore());
  const hidden = getConfig().SQL_RESULT_BUCKET;
  const buckets = (await s.listBuckets()).map((b) => b.name).filter((name) => name !== hidden);
  return { buckets: buckets.sort(), store: s.description };
}
