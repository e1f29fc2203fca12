// Evaluation: each enabled rule against the lineage model and the catalog, on one replica at a
// time (the lease row, claimLease). A rule fires once per incident — a failed run, a missed
// deadline on one day, a missed cadence slot, a stale dataset until its next change — because the
// incident row is unique per (rule, incident key) and its outbox messages are written in the same
// transaction, only when the incident is new. So even two evaluators racing past the lease
// (a lease that expired mid-tick) cannot send an alert twice.
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import { parseNodeId } from "../lineage/read/node-id";
import { cadenceOf } from "../pipelines/cadence";
import { freshnessOf } from "../catalog/freshness";
import { enqueueDeliveries } from "./outbox";
import { deliveryChannels, recipientTeams } from "./recipients";
import type { AlertMessage } from "./webhook";
import { catalogDatasetHref, jobHref, runHref } from "../../lib/lineage/view-paths";

type Rule = Awaited<ReturnType<Db["alertRule"]["findMany"]>>[number];

/** Claims (or renews) the evaluator's lease for `holder`; false when another holder's lease is live. */
export async function claimLease(db: Db, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ holder: string }[]>`
    INSERT INTO alert_evaluator_lease (id, holder, expires_at) VALUES (1, ${holder}, now() + ${ttlMs} * interval '1 millisecond')
    ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
     WHERE alert_evaluator_lease.expires_at < now() OR alert_evaluator_lease.holder = EXCLUDED.holder
    RETURNING holder`;
  return rows.length === 1;
}

export async function releaseLease(db: Db, holder: string): Promise<void> {
  await db.$executeRaw`UPDATE alert_evaluator_lease SET expires_at = now() WHERE id = 1 AND holder = ${holder}`;
}

type Incident = {
  key: string;
  kind: string;
  subject: string;
  summary: string;
  runId: string | null;
  details: Record<string, unknown>;
  message: Omit<AlertMessage, "firedAt" | "rule" | "purpose">;
};

/** Evaluates every enabled rule once; returns the incidents that were new. */
export async function evaluateRules(db: Db, now: Date = new Date()): Promise<{ ruleId: string; incidentId: string; key: string }[]> {
  const rules = await db.alertRule.findMany({ where: { enabled: true }, orderBy: { createdAt: "asc" } });
  const fired: { ruleId: string; incidentId: string; key: string }[] = [];
  for (const rule of rules) {
    const incidents = rule.kind === "job_failed" ? await failedRuns(db, rule, now) : rule.kind === "job_late" ? await lateJobs(db, rule, now) : await staleDatasets(db, rule, now);
    for (const incident of incidents) {
      const id = await recordIncident(db, rule, incident, now);
      if (id) fired.push({ ruleId: rule.id, incidentId: id, key: incident.key });
    }
  }
  return fired;
}

async function recordIncident(db: Db, rule: Rule, incident: Incident, now: Date): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO alert_incidents (id, rule_id, incident_key, kind, subject, summary, run_id, details, fired_at)
      VALUES (gen_random_uuid(), ${rule.id}::uuid, ${incident.key}, ${incident.kind}, ${incident.subject}, ${incident.summary}, ${incident.runId}::uuid, ${JSON.stringify(incident.details)}::jsonb, ${now})
      ON CONFLICT (rule_id, incident_key) DO NOTHING RETURNING id`;
    const id = rows[0]?.id;
    if (!id) return null;
    // Teams are resolved now, when the alert fires: today's members and today's channel.
    const teams = await recipientTeams(tx, rule.teamIds);
    const message: AlertMessage = {
      ...incident.message,
      purpose: "alert",
      rule: { id: rule.id, name: rule.name, kind: rule.kind },
      firedAt: now.toISOString(),
      ...(teams.length ? { teams: teams.map((t) => ({ name: t.name, members: t.members, memberCount: t.memberCount })) } : {}),
    };
    await enqueueDeliveries(
      tx,
      deliveryChannels(rule.channelIds, teams).map((channelId) => ({ channelId, incidentId: id, purpose: "alert" as const, idempotencyKey: `alert:${id}:${channelId}`, message })),
    );
    return id;
  });
}

/** SQL condition on job `j` (joined to its namespace `n`) for the rule's scope. */
function jobScope(rule: Rule): Prisma.Sql {
  if (rule.scopeKind === "namespace") return Prisma.sql`n.name = ${rule.scopeValue}`;
  if (rule.scopeKind === "tag")
    return Prisma.sql`EXISTS (SELECT 1 FROM lineage_edges e JOIN lineage_datasets ld ON ld.id = e.dataset_id JOIN catalog_datasets cd ON cd.id = ld.catalog_dataset_id
                               WHERE e.job_id = j.id AND e.direction = 'output' AND cd.tags @> ARRAY[${rule.scopeValue}]::text[])`;
  // A job: the job itself and its tasks (jobs whose parent it is).
  const names = parseNodeId(`job:${rule.scopeValue}`, "scopeValue").candidates;
  const matches = Prisma.join(
    names.map((c) => Prisma.sql`(pn.name = ${c.namespace} AND pj.name = ${c.name})`),
    " OR ",
  );
  return Prisma.sql`EXISTS (SELECT 1 FROM lineage_jobs pj JOIN lineage_namespaces pn ON pn.id = pj.namespace_id WHERE (pj.id = j.id OR pj.id = j.parent_job_id) AND (${matches}))`;
}

const LOOKBACK_MS = 24 * 3_600_000;
/** Failed runs one rule turns into incidents per tick; the rest follow at the next ticks. */
export const FAILURES_PER_TICK = 200;

async function failedRuns(db: Db, rule: Rule, now: Date): Promise<Incident[]> {
  // Runs that failed since the rule exists (not the whole history), within the last day.
  const since = new Date(Math.max(rule.createdAt.getTime(), now.getTime() - LOOKBACK_MS));
  const rows = await db.$queryRaw<{ id: string; state: string; namespace: string; job: string; error: string | null; at: Date }[]>`
    SELECT r.id::text, r.state, n.name AS namespace, j.name AS job, r.error_message AS error, r.state_at AS at
      FROM lineage_runs r JOIN lineage_jobs j ON j.id = r.job_id JOIN lineage_namespaces n ON n.id = j.namespace_id
     WHERE r.state = 'FAIL' AND r.state_at >= ${since} AND ${jobScope(rule)}
       -- Not yet recorded: so a burst of more than one tick's 200 failures fires them all over the next ticks.
       AND NOT EXISTS (SELECT 1 FROM alert_incidents i WHERE i.rule_id = ${rule.id}::uuid AND i.incident_key = 'run:' || r.id::text)
     ORDER BY r.state_at LIMIT ${FAILURES_PER_TICK}`;
  return rows.map((r) => ({
    key: `run:${r.id}`,
    kind: "job_failed",
    subject: `${r.namespace}:${r.job}`,
    summary: `${r.job} failed${r.error ? `: ${r.error.slice(0, 300)}` : ""}`,
    runId: r.id,
    details: { namespace: r.namespace, job: r.job, error: r.error, failedAt: r.at.toISOString() },
    message: {
      title: `Job failed: ${r.job}`,
      text: `${r.namespace}:${r.job} failed at ${r.at.toISOString()}${r.error ? ` — ${r.error.slice(0, 500)}` : ""}`,
      severity: "critical",
      subject: `${r.namespace}:${r.job}`,
      runId: r.id,
      link: runHref(r.id),
      details: { namespace: r.namespace, job: r.job, error: r.error },
    },
  }));
}

function deadlineOn(day: Date, hhmm: string): Date {
  const [h, m] = hhmm.split(":").map(Number);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h, m));
}

async function lateJobs(db: Db, rule: Rule, now: Date): Promise<Incident[]> {
  // A namespace or tag scope watches pipelines (jobs without a parent), not each of their tasks.
  const topLevel = rule.scopeKind === "job" ? Prisma.sql`TRUE` : Prisma.sql`j.parent_job_id IS NULL`;
  const jobs = await db.$queryRaw<{ id: bigint; namespace: string; job: string; times: Date[]; last_complete: Date | null }[]>`
    SELECT j.id, n.name AS namespace, j.name AS job,
           ARRAY(SELECT coalesce(r.nominal_start_at, r.started_at, r.created_at) FROM lineage_runs r WHERE r.job_id = j.id ORDER BY r.created_at DESC LIMIT 20) AS times,
           (SELECT max(r.ended_at) FROM lineage_runs r WHERE r.job_id = j.id AND r.state = 'COMPLETE') AS last_complete
      FROM lineage_jobs j JOIN lineage_namespaces n ON n.id = j.namespace_id
     WHERE ${jobScope(rule)} AND ${topLevel}
     ORDER BY j.id LIMIT 500`;
  const incidents: Incident[] = [];
  for (const j of jobs) {
    const subject = `${j.namespace}:${j.job}`;
    if (rule.deadline) {
      const due = deadlineOn(now, rule.deadline);
      // Today's deadline has passed, the rule existed then, and no run completed in the day before it.
      if (now < due || rule.createdAt > due) continue;
      if (j.last_complete && j.last_complete.getTime() > due.getTime() - LOOKBACK_MS) continue;
      const day = due.toISOString().slice(0, 10);
      incidents.push(late(j, subject, `deadline:${j.id}:${day}`, `${j.job} did not finish by ${rule.deadline} UTC on ${day}`, { deadline: due.toISOString() }));
    } else {
      const cadence = cadenceOf(j.times, now);
      if (!cadence?.late) continue;
      if (cadence.expectedNextAt < rule.createdAt) continue;
      incidents.push(
        late(
          j,
          subject,
          `cadence:${j.id}:${cadence.expectedNextAt.toISOString()}`,
          `${j.job} did not run when its usual cadence expected (${cadence.expectedNextAt.toISOString()})`,
          {
            expectedNextAt: cadence.expectedNextAt.toISOString(),
            intervalMinutes: Math.round(cadence.intervalMs / 60_000),
          },
        ),
      );
    }
  }
  return incidents;
}

function late(j: { namespace: string; job: string }, subject: string, key: string, summary: string, details: Record<string, unknown>): Incident {
  return {
    key,
    kind: "job_late",
    subject,
    summary,
    runId: null,
    details: { namespace: j.namespace, job: j.job, ...details },
    message: {
      title: `Job late: ${j.job}`,
      text: summary,
      severity: "warning",
      subject,
      link: jobHref(j.namespace, j.job),
      details: { namespace: j.namespace, job: j.job, ...details },
    },
  };
}

async function staleDatasets(db: Db, rule: Rule, now: Date): Promise<Incident[]> {
  const scope =
    rule.scopeKind === "tag"
      ? Prisma.sql`cd.tags @> ARRAY[${rule.scopeValue}]::text[]`
      : rule.scopeKind === "namespace"
        ? Prisma.sql`(cd.catalog || '.' || cd.schema = ${rule.scopeValue} OR EXISTS (SELECT 1 FROM lineage_datasets ld JOIN lineage_namespaces n ON n.id = ld.namespace_id WHERE ld.catalog_dataset_id = cd.id AND n.name = ${rule.scopeValue}))`
        : Prisma.sql`EXISTS (SELECT 1 FROM lineage_datasets ld JOIN lineage_edges e ON e.dataset_id = ld.id AND e.direction = 'output' JOIN lineage_jobs j ON j.id = e.job_id JOIN lineage_namespaces n ON n.id = j.namespace_id
                             WHERE ld.catalog_dataset_id = cd.id AND ${jobScope(rule)})`;
  const rows = await db.$queryRaw<
    {
      id: string;
      engine_id: string;
      catalog: string;
      schema: string;
      name: string;
      owners: string[];
      last_modified_at: Date | null;
      schema_changed_at: Date;
      expected_update_hours: number;
    }[]
  >`
    SELECT cd.id::text, cd.engine_id, cd.catalog, cd.schema, cd.name, cd.owners, cd.last_modified_at, cd.schema_changed_at, cd.expected_update_hours
      FROM catalog_datasets cd
     WHERE cd.removed_at IS NULL AND cd.expected_update_hours IS NOT NULL AND ${scope}
     ORDER BY cd.id LIMIT 1000`;
  const incidents: Incident[] = [];
  for (const d of rows) {
    const f = freshnessOf({ lastModifiedAt: d.last_modified_at, schemaChangedAt: d.schema_changed_at, expectedUpdateHours: d.expected_update_hours }, now);
    if (!f.stale || !f.dueAt) continue;
    const name = `${d.catalog}.${d.schema}.${d.name}`;
    const summary = `${name} is older than its freshness SLA (${d.expected_update_hours} h): last change ${f.lastChangeAt.toISOString()}`;
    incidents.push({
      key: `stale:${d.id}:${f.dueAt.toISOString()}`,
      kind: "dataset_stale",
      subject: name,
      summary,
      runId: null,
      details: { datasetId: d.id, owners: d.owners, lastChangeAt: f.lastChangeAt.toISOString(), dueAt: f.dueAt.toISOString() },
      message: {
        title: `Dataset stale: ${name}`,
        text: `${summary}. Owners: ${d.owners.join(", ") || "none"}`,
        severity: "warning",
        subject: name,
        link: catalogDatasetHref({ engineId: d.engine_id, catalog: d.catalog, schema: d.schema, name: d.name }),
        details: { owners: d.owners },
      },
    });
  }
  return incidents;
}
