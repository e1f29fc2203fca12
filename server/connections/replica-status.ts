// Connection status across replicas. Each portal process keeps one row in connection_replicas:
// the connections revision it has applied and, per connection, the version it built, its state
// and the result of its background check. It writes the row after every apply and every check,
// and on a heartbeat; Admin › Connections reads the rows whose heartbeat is recent and says
// "applied on 2 of 3 replicas" and which replica failed what. A replica that stops (or dies)
// drops out: on a clean stop it deletes its row, otherwise its heartbeat goes stale.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import type { AppliedStatus } from "./live-slot";

/** How often a replica re-writes its row. */
export const REPLICA_HEARTBEAT_MS = 10_000;
/** A row older than this is a replica that is gone (three missed heartbeats). */
export const REPLICA_STALE_MS = 3 * REPLICA_HEARTBEAT_MS;
/** Rows of replicas gone this long are deleted by any heartbeat. */
const FORGET_AFTER_MS = 24 * 3_600_000;

export type ReplicaIdentity = { id: string; host: string };

/** This process: its host name (a pod's name on Kubernetes) and a part that differs per start. */
export function thisReplica(): ReplicaIdentity {
  const host = hostname();
  return { id: `${host}:${process.pid}:${randomUUID().slice(0, 8)}`, host };
}

/** What a replica reports for one connection. */
export type ReplicaConnectionStatus = { version: number; state: AppliedStatus["state"]; message: string | null; check: { ok: boolean; message: string } | null };

export type ReplicaReport = { replica: ReplicaIdentity; revision: bigint | null; statuses: Record<string, ReplicaConnectionStatus> };

export async function writeReplicaStatus(client: Db, report: ReplicaReport): Promise<void> {
  const statuses = report.statuses as unknown as Prisma.InputJsonValue;
  await client.connectionReplica.upsert({
    where: { replicaId: report.replica.id },
    create: { replicaId: report.replica.id, host: report.replica.host, appliedRevision: report.revision, statuses },
    update: { appliedRevision: report.revision, statuses, heartbeatAt: new Date() },
  });
}

export async function forgetReplica(client: Db, replicaId: string): Promise<void> {
  await client.connectionReplica.deleteMany({ where: { replicaId } });
}

export async function forgetLongGoneReplicas(client: Db, now = new Date()): Promise<void> {
  await client.connectionReplica.deleteMany({ where: { heartbeatAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) } } });
}

/** One connection across the live replicas. */
export type ClusterConnectionStatus = {
  /** Live replicas (heartbeat within REPLICA_STALE_MS). */
  replicas: number;
  /** Live replicas that built the connection's current version. */
  appliedOn: number;
  /** Replicas that have not built the current version yet, or failed to, or whose check failed. */
  problems: { replica: string; host: string; problem: "pending" | "failed" | "check-failed"; message: string | null }[];
};

type LiveRow = { replicaId: string; host: string; statuses: Record<string, ReplicaConnectionStatus> };

export async function liveReplicas(client: Db, now = new Date()): Promise<LiveRow[]> {
  const rows = await client.connectionReplica.findMany({
    where: { heartbeatAt: { gte: new Date(now.getTime() - REPLICA_STALE_MS) } },
    select: { replicaId: true, host: true, statuses: true },
    orderBy: { replicaId: "asc" },
  });
  return rows.map((r) => ({ ...r, statuses: (r.statuses ?? {}) as Record<string, ReplicaConnectionStatus> }));
}

/** The cluster view of each stored connection (`id` at `version`), from the live replicas' rows. */
export function clusterStatusOf(replicas: readonly LiveRow[], connection: { id: string; version: number; enabled: boolean }): ClusterConnectionStatus {
  const problems: ClusterConnectionStatus["problems"] = [];
  let appliedOn = 0;
  for (const r of replicas) {
    const s = r.statuses[connection.id];
    if (!s || s.version !== connection.version) {
      problems.push({ replica: r.replicaId, host: r.host, problem: "pending", message: null });
      continue;
    }
    appliedOn++;
    if (s.state === "failed") problems.push({ replica: r.replicaId, host: r.host, problem: "failed", message: s.message });
    else if (s.check && !s.check.ok) problems.push({ replica: r.replicaId, host: r.host, problem: "check-failed", message: s.check.message });
  }
  return { replicas: replicas.length, appliedOn, problems };
}
