// Teams as alert recipients, on real databases with real HTTP receivers on loopback: a rule that
// names a team sends to the team's own channel with its members as they are when the alert fires
// (membership and channel changes apply without editing the rule), a channel named twice gets one
// message, an unknown team is refused and nothing is stored, and a deleted team shows on the rule.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";
import { ingestLineage } from "../lineage/ingest";
import { addMembers, createTeam, deleteTeam, removeMember, updateTeam } from "../teams/teams";
import { createChannel, createRule, deleteChannel, listRecipientTeams, listRules, updateRule } from "./manage";
import { alertTick } from "./scheduler";
import { ruleInput } from "./schemas";

vi.hoisted(() => {
  process.env.PORTAL_ALERTS_ALLOW_PRIVATE = "true";
});

const PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/2.1.0";
const NS = "airflow://teams";
let seq = 0;
const uuid = () => `0192c0de-bbbb-7000-8000-${String(++seq).padStart(12, "0")}`;

type Receiver = { url: string; bodies: Record<string, unknown>[]; close(): Promise<void> };

async function startReceiver(): Promise<Receiver> {
  const bodies: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>);
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const failed = (job: string) => {
  const runId = uuid();
  return {
    eventType: "FAIL",
    eventTime: new Date().toISOString(),
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId, facets: {} },
    job: { namespace: NS, name: job, facets: {} },
    inputs: [],
    outputs: [],
  };
};

await describeOnDatabases("teams as alert recipients on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let admin: CurrentUser;
  const receivers: Receiver[] = [];
  const ctx = () => ({ user: admin, ip: "127.0.0.1", db: database.db });
  const receiver = async () => {
    const r = await startReceiver();
    receivers.push(r);
    return r;
  };
  const fail = async (job: string) => {
    const { results } = await ingestLineage({ ctx: ctx(), input: { events: [failed(job)] } });
    expect(results.filter((r) => r.status === "refused")).toEqual([]);
    // A fresh lease holder each time, so the tick evaluates.
    await database.db.$executeRawUnsafe("TRUNCATE alert_evaluator_lease");
    await alertTick(database.db, "replica", 60_000);
  };
  /** The team lines of a Slack body's last context block. */
  const teamLines = (body: Record<string, unknown>) => JSON.stringify(body.blocks).match(/Team [^"]*/g) ?? [];

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    admin = await createTestUser(database.db, "admin@example.com", "admin");
    await createTestUser(database.db, "ana@example.com", "viewer");
    await createTestUser(database.db, "bo@example.com", "editor");
    await createTestUser(database.db, "cy@example.com", "viewer");
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await database?.close();
  });
  beforeEach(async () => {
    if (skip) return;
    await database.db.$executeRawUnsafe(
      "TRUNCATE alert_rules, alert_channels, alert_incidents, alert_deliveries, alert_delivery_attempts, alert_evaluator_lease, teams, team_members CASCADE",
    );
  });

  it.skipIf(skip)("sends to the team's channel with its members when the alert fires; membership and channel changes apply without editing the rule", async () => {
    const opsHook = await receiver();
    const teamHook = await receiver();
    const laterHook = await receiver();
    const ops = await createChannel({ ctx: ctx(), input: { name: "ops", kind: "slack", url: opsHook.url } });
    const teamChannel = await createChannel({ ctx: ctx(), input: { name: "platform-room", kind: "slack", url: teamHook.url } });
    const later = await createChannel({ ctx: ctx(), input: { name: "platform-pager", kind: "slack", url: laterHook.url } });
    const team = await createTeam({ ctx: ctx(), input: { name: "Data Platform", description: "" } });
    await addMembers({ ctx: ctx(), input: { teamId: team.id, emails: ["bo@example.com", "ana@example.com"] } });
    await updateTeam({ ctx: ctx(), input: { teamId: team.id, name: team.name, description: "", alertChannelId: teamChannel.id } });
    await createRule({
      ctx: ctx(),
      input: ruleInput.parse({ name: "platform failures", kind: "job_failed", scopeKind: "namespace", scopeValue: NS, channelIds: [ops.id], teamIds: [team.id] }),
    });

    await fail("orders_dag");
    expect(opsHook.bodies).toHaveLength(1);
    expect(teamHook.bodies).toHaveLength(1);
    // Both name the team and its members as they are now.
    expect(teamLines(teamHook.bodies[0]!)).toEqual(["Team Data Platform: ana@example.com, bo@example.com"]);
    expect(teamLines(opsHook.bodies[0]!)).toEqual(["Team Data Platform: ana@example.com, bo@example.com"]);

    // The team changes, the rule does not.
    const bo = await database.db.user.findUniqueOrThrow({ where: { email: "bo@example.com" } });
    await removeMember({ ctx: ctx(), input: { teamId: team.id, userId: bo.id } });
    await addMembers({ ctx: ctx(), input: { teamId: team.id, emails: ["cy@example.com"] } });
    await updateTeam({ ctx: ctx(), input: { teamId: team.id, name: team.name, description: "", alertChannelId: later.id } });
    await fail("billing_dag");
    expect(teamHook.bodies).toHaveLength(1);
    expect(laterHook.bodies).toHaveLength(1);
    expect(teamLines(laterHook.bodies[0]!)).toEqual(["Team Data Platform: ana@example.com, cy@example.com"]);
    expect(opsHook.bodies).toHaveLength(2);

    // A team whose channel is one of the rule's own gets no second copy.
    await updateTeam({ ctx: ctx(), input: { teamId: team.id, name: team.name, description: "", alertChannelId: ops.id } });
    await fail("third_dag");
    expect(opsHook.bodies).toHaveLength(3);
    expect(laterHook.bodies).toHaveLength(1);

    // Deleting the team's channel leaves the team without one: the alert goes to the rule's channels only.
    await updateTeam({ ctx: ctx(), input: { teamId: team.id, name: team.name, description: "", alertChannelId: later.id } });
    await deleteChannel({ ctx: ctx(), input: { id: later.id } });
    expect((await listRecipientTeams({ ctx: ctx(), input: {} })).map((t) => [t.name, t.channelName])).toEqual([["Data Platform", null]]);
    await fail("fourth_dag");
    expect(opsHook.bodies).toHaveLength(4);
    expect(laterHook.bodies).toHaveLength(1);
  });

  it.skipIf(skip)("refuses an unknown team and stores nothing; a deleted team stays on the rule, shown as deleted, and must be removed to save it", async () => {
    const opsHook = await receiver();
    const ops = await createChannel({ ctx: ctx(), input: { name: "ops", kind: "slack", url: opsHook.url } });
    const unknown = await domainErrorOf(
      createRule({ ctx: ctx(), input: ruleInput.parse({ name: "x", kind: "job_failed", scopeKind: "namespace", scopeValue: NS, teamIds: [uuid()] }) }),
    );
    expect(unknown).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { teamIds: ["names a team that does not exist"] } });
    expect(await database.db.alertRule.count()).toBe(0);

    const team = await createTeam({ ctx: ctx(), input: { name: "Finance", description: "" } });
    const input = ruleInput.parse({ name: "finance", kind: "job_failed", scopeKind: "namespace", scopeValue: NS, channelIds: [ops.id], teamIds: [team.id] });
    const rule = await createRule({ ctx: ctx(), input });
    expect((await listRules({ ctx: ctx(), input: undefined }))[0]!.teams).toEqual([{ id: team.id, name: "Finance", deleted: false, channelName: null }]);

    await deleteTeam({ ctx: ctx(), input: { teamId: team.id, confirmName: "Finance" } });
    const [listed] = await listRules({ ctx: ctx(), input: undefined });
    expect(listed!.teams).toEqual([{ id: team.id, name: null, deleted: true, channelName: null }]);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "team.deleted" } });
    expect(audit.details).toMatchObject({ alertRules: 1 });

    // Saving the rule as it is refuses (and changes nothing); without the team it saves.
    const refused = await domainErrorOf(updateRule({ ctx: ctx(), input: { id: rule.id, rule: { ...input, name: "renamed" } } }));
    expect(refused.fieldErrors).toEqual({ teamIds: ["names a team that does not exist"] });
    expect((await database.db.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).name).toBe("finance");
    // Meanwhile alerts still go to the rule's channels.
    await fail("finance_dag");
    expect(opsHook.bodies).toHaveLength(1);
    expect(opsHook.bodies[0]!.text).toContain("finance_dag");
    await updateRule({ ctx: ctx(), input: { id: rule.id, rule: { ...input, teamIds: [] } } });
    expect((await listRules({ ctx: ctx(), input: undefined }))[0]!.teams).toEqual([]);
  });
});
