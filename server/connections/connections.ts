// Admin › Connections: Trino engines and S3 object stores stored in the database (the embedded
// DuckDB and connections from environment variables are listed read-only beside them). Secrets are
// write-only: stored through server/secrets, and what leaves this module says only whether one is
// set ("set", "vault:<reference>" or "none"). Every change bumps connections_revision in the same
// transaction, which is how the other replicas notice it (./live.ts); this replica re-reads at once.
// Each stored connection is listed with whether it is in use on the replica that answers (applied,
// or the error building it) and with its last Test (from the audit log).
import type { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import { getConfig, type PortalConfig } from "../config/env";
import { DomainError } from "../errors";
import type { HandlerArgs } from "../handler";
import { recordAudit } from "../audit/audit";
import { isVaultReference, storedSecretOf, VaultError } from "../secrets";
import {
  airflowSettings,
  connectionId,
  s3Settings,
  trinoSettings,
  type ConnectionKind,
  type CreateConnectionInput,
  type deleteConnectionInput,
  type UpdateConnectionInput,
} from "./schemas";
import type { z } from "zod";
import { liveConnections, type AppliedStatus } from "./live-slot";
import { clusterStatusOf, liveReplicas, type ClusterConnectionStatus } from "./replica-status";

export type SecretState = { state: "set" } | { state: "vault"; reference: string } | { state: "none" };

export type ConnectionView = {
  id: string;
  name: string;
  kind: ConnectionKind | "duckdb";
  enabled: boolean;
  settings: Record<string, unknown>;
  secret: SecretState;
  /** "database": managed here; "environment" / "embedded": read-only. */
  source: "database" | "environment" | "embedded";
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
  /** Stored connections on a running portal: is it applied here, or why not. */
  applied: AppliedStatus | null;
  /** The last Test of the saved connection (unsaved values' Tests are not counted). */
  lastTest: LastTest | null;
  /** Stored connections: how many live replicas applied this version, and which failed what (./replica-status.ts). */
  cluster?: ClusterConnectionStatus | null;
};

export type LastTest = { ok: boolean; at: Date; by: string | null; failedStep: string | null };

type Row = {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  settings: Prisma.JsonValue;
  secret: string | null;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
};

function secretStateOf(stored: string | null): SecretState {
  if (!stored) return { state: "none" };
  if (isVaultReference(stored)) return { state: "vault", reference: stored };
  return { state: "set" };
}

export function viewOf(row: Row): ConnectionView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ConnectionKind,
    enabled: row.enabled,
    settings: (row.settings ?? {}) as Record<string, unknown>,
    secret: secretStateOf(row.secret),
    source: "database",
    version: row.version,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    applied: liveConnections()?.status(row.id) ?? null,
    lastTest: null,
  };
}

/** The audit subject of a Test of a saved connection (./probe.ts writes it). */
export const testSubjectOf = (id: string) => `connection ${id}`;

async function lastTestsOf(client: Db, ids: string[]): Promise<Map<string, LastTest>> {
  if (ids.length === 0) return new Map();
  const rows = await client.auditEvent.findMany({
    where: { action: "connection.tested", subject: { in: ids.map(testSubjectOf) } },
    orderBy: { at: "desc" },
    distinct: ["subject"],
    select: { subject: true, at: true, outcome: true, actorEmail: true, details: true },
  });
  return new Map(
    rows.map((r) => {
      const steps = ((r.details as { steps?: { step: string; ok: boolean }[] } | null)?.steps ?? []).filter((x) => !x.ok);
      return [r.subject!.slice("connection ".length), { ok: r.outcome === "success", at: r.at, by: r.actorEmail, failedStep: steps[0]?.step ?? null }];
    }),
  );
}

/** After a change saved here: apply it on this replica now instead of at the next poll. */
async function applyHere(): Promise<void> {
  await liveConnections()
    ?.refresh()
    .catch(() => {});
}

/** Connections defined by environment variables, and the embedded engine: shown, never edited. */
export function environmentConnections(config: PortalConfig = getConfig()): ConnectionView[] {
  const fixed = { source: "environment" as const, enabled: true, version: 0, updatedAt: null, updatedBy: null, applied: null, lastTest: null };
  const list: ConnectionView[] = [
    { ...fixed, id: "embedded:duckdb", name: "duckdb", kind: "duckdb", source: "embedded", settings: { description: "Embedded DuckDB demo lakehouse" }, secret: { state: "none" } },
  ];
  if (config.TRINO_URL)
    list.push({
      ...fixed,
      id: "env:trino",
      name: "trino",
      kind: "trino",
      settings: {
        url: config.TRINO_URL,
        catalog: config.TRINO_CATALOG ?? "",
        schema: config.TRINO_SCHEMA ?? "",
        auth: config.TRINO_USER ? "basic" : "none",
        user: config.TRINO_USER ?? "",
        impersonation: true,
      },
      secret: config.TRINO_PASSWORD ? { state: "set" } : { state: "none" },
    });
  if (config.AIRFLOW_URL)
    list.push({
      ...fixed,
      id: "env:airflow",
      name: "airflow",
      kind: "airflow",
      settings: {
        url: config.AIRFLOW_URL,
        apiVersion: config.AIRFLOW_API_VERSION,
        auth: config.AIRFLOW_TOKEN ? "token" : config.AIRFLOW_USERNAME ? "basic" : "none",
        user: config.AIRFLOW_USERNAME ?? "",
      },
      secret: config.AIRFLOW_TOKEN || config.AIRFLOW_PASSWORD ? { state: "set" } : { state: "none" },
    });
  if (config.S3_ENDPOINT)
    list.push({
      ...fixed,
      id: "env:s3",
      name: "s3",
      kind: "s3",
      settings: { endpoint: config.S3_ENDPOINT, region: config.S3_REGION, pathStyle: config.S3_FORCE_PATH_STYLE, accessKeyId: config.S3_ACCESS_KEY_ID ?? "" },
      secret: config.S3_SECRET_ACCESS_KEY ? { state: "set" } : { state: "none" },
    });
  else
    list.push({
      ...fixed,
      id: "embedded:lake",
      name: "lake",
      kind: "s3",
      source: "embedded",
      settings: { description: "Local folder <PORTAL_DATA_DIR>/lake" },
      secret: { state: "none" },
    });
  return list;
}

const rowSelect = { id: true, name: true, kind: true, enabled: true, settings: true, secret: true, version: true, updatedAt: true, updatedBy: true } as const;

export async function listConnections({ ctx }: HandlerArgs<undefined>): Promise<ConnectionView[]> {
  const rows = await ctx.db.connection.findMany({ select: rowSelect, orderBy: { name: "asc" } });
  const tests = await lastTestsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const replicas = await liveReplicas(ctx.db);
  return [
    ...environmentConnections(),
    ...rows.map((row) => ({ ...viewOf(row), lastTest: tests.get(row.id) ?? null, cluster: replicas.length ? clusterStatusOf(replicas, row) : null })),
  ];
}

export async function getConnection({ ctx, input }: HandlerArgs<z.infer<typeof connectionId>>): Promise<ConnectionView> {
  const row = await ctx.db.connection.findUnique({ where: { id: input.id }, select: rowSelect });
  if (!row) throw new DomainError("NOT_FOUND", "This connection does not exist (it may have been deleted).");
  return { ...viewOf(row), lastTest: (await lastTestsOf(ctx.db, [row.id])).get(row.id) ?? null };
}

/** Settings parsed by the kind's schema (a saved row's JSON may predate a default). */
export function settingsOf(kind: string, settings: unknown) {
  return kind === "trino" ? trinoSettings.parse(settings) : kind === "airflow" ? airflowSettings.parse(settings) : s3Settings.parse(settings);
}

function newStoredSecret(secret: CreateConnectionInput["secret"]): string | null | undefined {
  if (!secret || "keep" in secret) return undefined;
  if (secret.value === "") return null;
  try {
    return storedSecretOf(secret.value);
  } catch (err) {
    if (err instanceof VaultError) throw new DomainError("BAD_REQUEST", err.message, { secret: [err.message] });
    throw err;
  }
}

function checkName(name: string): void {
  const taken = environmentConnections().find((c) => c.name === name);
  if (taken)
    throw new DomainError(
      "CONFLICT",
      `“${name}” is the name of a connection from ${taken.source === "embedded" ? "the embedded default" : "environment variables"}; choose another.`,
      { name: ["is taken"] },
    );
}

async function bumpRevision(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`INSERT INTO connections_revision (id, revision) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET revision = connections_revision.revision + 1`;
}

function auditShape(row: { name: string; kind: string; enabled: boolean; settings: unknown }) {
  return { name: row.name, kind: row.kind, enabled: row.enabled, settings: row.settings as Prisma.InputJsonValue };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

export async function createConnection({ ctx, input }: HandlerArgs<CreateConnectionInput>): Promise<ConnectionView> {
  checkName(input.name);
  const secret = newStoredSecret(input.secret) ?? null;
  try {
    const created = await ctx.db.$transaction(async (tx) => {
      const row = await tx.connection.create({
        data: { name: input.name, kind: input.kind, enabled: input.enabled, settings: input.settings, secret, updatedBy: ctx.user.email },
        select: rowSelect,
      });
      await bumpRevision(tx);
      await recordAudit(tx, {
        actor: ctx.user,
        action: "connection.created",
        subject: row.name,
        outcome: "success",
        ip: ctx.ip,
        details: { after: { ...auditShape(row), secret: secret ? "set" : "none" } },
      });
      return row;
    });
    await applyHere();
    return viewOf(created);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", `A connection called “${input.name}” already exists.`, { name: ["is taken"] });
    throw err;
  }
}

function conflict(current: Row | null): DomainError {
  if (!current) return new DomainError("NOT_FOUND", "This connection was deleted by someone else; nothing was saved.");
  const when = current.updatedAt.toISOString().replace("T", " ").slice(0, 19);
  return new DomainError(
    "CONFLICT",
    `${current.updatedBy ?? "Someone"} changed this connection at ${when} UTC since you opened it. Your changes were not saved: reload to see theirs, then apply yours again.`,
  );
}

export async function updateConnection({ ctx, input }: HandlerArgs<UpdateConnectionInput>): Promise<ConnectionView> {
  checkName(input.name);
  const secret = newStoredSecret(input.secret);
  try {
    const updated = await ctx.db.$transaction(async (tx) => {
      const before = await tx.connection.findUnique({ where: { id: input.id }, select: rowSelect });
      if (!before || before.version !== input.version) throw conflict(before);
      if (before.kind !== input.kind) throw new DomainError("BAD_REQUEST", "A connection's kind cannot change; create a new connection instead.");
      const changed = await tx.connection.updateMany({
        where: { id: input.id, version: input.version },
        data: {
          name: input.name,
          enabled: input.enabled,
          settings: input.settings,
          ...(secret !== undefined ? { secret } : {}),
          version: { increment: 1 },
          updatedBy: ctx.user.email,
        },
      });
      if (changed.count === 0) throw conflict(await tx.connection.findUnique({ where: { id: input.id }, select: rowSelect }));
      const row = await tx.connection.findUniqueOrThrow({ where: { id: input.id }, select: rowSelect });
      await bumpRevision(tx);
      await recordAudit(tx, {
        actor: ctx.user,
        action: "connection.updated",
        subject: row.name,
        outcome: "success",
        ip: ctx.ip,
        details: { before: auditShape(before), after: auditShape(row), secret: secret === undefined ? "unchanged" : secret === null ? "removed" : "changed" },
      });
      return row;
    });
    await applyHere();
    return viewOf(updated);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", `A connection called “${input.name}” already exists.`, { name: ["is taken"] });
    throw err;
  }
}

export async function deleteConnection({ ctx, input }: HandlerArgs<z.infer<typeof deleteConnectionInput>>): Promise<{ deleted: true }> {
  const deleted = await ctx.db.$transaction(async (tx) => {
    const before = await tx.connection.findUnique({ where: { id: input.id }, select: rowSelect });
    if (!before || before.version !== input.version) throw conflict(before);
    const gone = await tx.connection.deleteMany({ where: { id: input.id, version: input.version } });
    if (gone.count === 0) throw conflict(await tx.connection.findUnique({ where: { id: input.id }, select: rowSelect }));
    await bumpRevision(tx);
    await recordAudit(tx, { actor: ctx.user, action: "connection.deleted", subject: before.name, outcome: "success", ip: ctx.ip, details: { before: auditShape(before) } });
    return { deleted: true as const };
  });
  await applyHere();
  return deleted;
}

/** The stored secret of a saved connection (for Test with "leave unchanged"); server-side only. */
export async function storedSecretFor(db: Db, id: string): Promise<string | null> {
  const row = await db.connection.findUnique({ where: { id }, select: { secret: true } });
  if (!row) throw new DomainError("NOT_FOUND", "This connection does not exist (it may have been deleted).");
  return row.secret;
}
