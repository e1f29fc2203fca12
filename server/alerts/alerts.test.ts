// Alerts end to end on real databases with real HTTP receivers on loopback: a failed run
// ingested through ingestLineage fires one alert, evaluated by two replicas (two evaluators, on
// two connections where the database allows it) at once; delivery retries a 500 then succeeds, gives
// up on a receiver that hangs (timeout) without holding anything up, signs generic JSON with
// HMAC-SHA256 (verified by the receiver); incidents are de-duplicated; bad input is refused.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import { createPrismaClient, type Db } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { ingestLineage } from "../lineage/ingest";
import { createChannel, createRule, deleteChannel, testChannel, updateChannel } from "./manage";
import { alertHistory, deliveryLog } from "./history";
import { alertTick } from "./scheduler";
import { deliverDue, enqueueDeliveries } from "./outbox";
import { notifyOwners, runImpact } from "./impact";
import { evaluateRules, FAILURES_PER_TICK } from "./evaluate";
import { listChannels } from "./manage";
import { decryptSecret, generateSecretKeyText, isEncryptedSecret, parseSecretKey, setSecretKey } from "../secrets";
import { rotateSecrets } from "../secrets/rotate";
import { checkWebhookUrl } from "./url-safety";
import { ruleInput } from "./schemas";

// Tests need a loopback receiver: the explicit allowance (README, PORTAL_ALERTS_ALLOW_PRIVATE),
// set before any import reads the configuration.
vi.hoisted(() => {
  process.env.PORTAL_ALERTS_ALLOW_PRIVATE = "true";
});

const SECRET = "a-signing-secret-of-32-characters";
const PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/2.1.0";
const NS = "airflow://prod";
let seq = 0;
const uuid = () => `0192c0de-aaaa-7000-8000-${String(++seq).padStart(12, "0")}`;

type Received = { headers: http.IncomingHttpHeaders; body: string; json: Record<string, unknown> };
type Receiver = { url: string; received: Received[]; respond: (n: number) => number | "hang"; close(): Promise<void> };

/** A webhook receiver on loopback; `respond(n)` answers the n-th request (0-based) with a status or never. */
async function startReceiver(respond: (n: number) => number | "hang" = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const r: Receiver = { url: "", received, respond, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const answer = r.respond(received.length);
      received.push({ headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown> });
      if (answer === "hang") return; // never answers
      res.writeHead(answer, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return r;
}

function verifySignature(r: Received, secret: string): boolean {
  const timestamp = r.headers["x-portal-timestamp"];
  const signature = r.headers["x-portal-signature"];
  if (typeof timestamp !== "string" || typeof signature !== "string") return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`v1=${createHmac("sha256", secret).update(`${timestamp}.${r.body}`).digest("hex")}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const facet = (name: string, body: Record<string, unknown>) => ({
  _producer: PRODUCER,
  _schemaURL: `https://openlineage.io/spec/facets/1-0-0/${name}.json#/$defs/${name}`,
  ...body,
});
function event(type: string, runId: string, job: string, extra: { inputs?: unknown[]; outputs?: unknown[]; error?: string } = {}) {
  return {
    eventType: type,
    eventTime: new Date().toISOString(),
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId, facets: extra.error ? { errorMessage: facet("ErrorMessageRunFacet", { message: extra.error, programmingLanguage: "python" }) } : {} },
    job: { namespace: NS, name: job, facets: {} },
    inputs: extra.inputs ?? [],
    outputs: extra.outputs ?? [],
  };
}
const ds = (name: string) => ({ namespace: "postgres://warehouse:5432", name });

await describeOnDatabases("alerts on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let editor: CurrentUser;
  let second: Db | null = null;
  const receivers: Receiver[] = [];
  const ctx = () => ({ user: editor, ip: "127.0.0.1", db: database.db });
  const receiver = async (respond?: (n: number) => number | "hang") => {
    const r = await startReceiver(respond);
    receivers.push(r);
    return r;
  };
  const ingest = async (events: unknown[]) => {
    const { results } = await ingestLineage({ ctx: ctx(), input: { events } });
    expect(results.filter((r) => r.status === "refused")).toEqual([]);
  };

  beforeAll(async () => {
    if (skip) return;
    setSecretKey(parseSecretKey(generateSecretKeyText()));
    database = await createTestDatabase(kind);
    editor = await createTestUser(database.db, "editor@example.com", "editor");
    // A second replica: its own pool and connection (PGlite serves one connection, so one client there).
    second = kind === "postgres" ? createPrismaClient(database.url, 2) : null;
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await second?.$disconnect();
    await database?.close();
  });
  beforeEach(async () => {
    if (skip) return;
    await database.db.$executeRawUnsafe("TRUNCATE alert_rules, alert_channels, alert_incidents, alert_deliveries, alert_delivery_attempts, alert_evaluator_lease");
  });

  it.skipIf(skip)("fires exactly one signed alert for a failed run when two replicas evaluate at once, and never again", async () => {
    const hook = await receiver();
    const channel = await createChannel({ ctx: ctx(), input: { name: "ops", kind: "json", url: hook.url, secret: SECRET } });
    await createRule({ ctx: ctx(), input: ruleInput.parse({ name: "prod failures", kind: "job_failed", scopeKind: "namespace", scopeValue: NS, channelIds: [channel.id] }) });
    const runId = uuid();
    await ingest([event("START", runId, "orders_dag"), event("FAIL", runId, "orders_dag", { error: "division by zero" })]);

    const replicaB = second ?? database.db;
    const [a, b] = await Promise.all([alertTick(database.db, "replica-a", 60_000), alertTick(replicaB, "replica-b", 60_000)]);
    expect([a.evaluated, b.evaluated].filter(Boolean)).toHaveLength(1);
    expect(a.fired + b.fired).toBe(1);
    // Later ticks by either replica add nothing: the incident exists.
    await alertTick(replicaB, "replica-b", 60_000);
    await alertTick(database.db, "replica-a", 60_000);

    expect(hook.received).toHaveLength(1);
    const got = hook.received[0]!;
    expect(verifySignature(got, SECRET)).toBe(true);
    expect(verifySignature(got, "another-secret-another-secret")).toBe(false);
    expect(got.json).toMatchObject({ purpose: "alert", title: "Job failed: orders_dag", runId, severity: "critical", rule: { name: "prod failures", kind: "job_failed" } });
    expect(String(got.json.text)).toContain("division by zero");
    expect(got.headers["x-portal-delivery"]).toMatch(/^alert:/);

    const history = await alertHistory({ ctx: ctx(), input: { limit: 25 } });
    expect(history.incidents).toHaveLength(1);
    expect(history.incidents[0]).toMatchObject({ ruleName: "prod failures", runId, kind: "job_failed", deliveries: { delivered: 1 } });
  });

  it.skipIf(skip)("a lease holder keeps evaluating; another replica takes over only when the lease expires", async () => {
    expect((await alertTick(database.db, "replica-a", 60_000)).evaluated).toBe(true);
    expect((await alertTick(second ?? database.db, "replica-b", 60_000)).evaluated).toBe(false);
    expect((await alertTick(database.db, "replica-a", 1)).evaluated).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect((await alertTick(second ?? database.db, "replica-b", 60_000)).evaluated).toBe(true);
  });

  it.skipIf(skip)("retries a receiver that answers 500, then delivers once it answers 200; the log shows every attempt", async () => {
    const hook = await receiver((n) => (n < 2 ? 500 : 200));
    const channel = await createChannel({ ctx: ctx(), input: { name: "slack", kind: "slack", url: hook.url } });
    await createRule({ ctx: ctx(), input: ruleInput.parse({ name: "orders", kind: "job_failed", scopeKind: "job", scopeValue: `${NS}:retry_dag`, channelIds: [channel.id] }) });
    const runId = uuid();
    await ingest([event("FAIL", runId, "retry_dag", { error: "boom" })]);
    const first = await alertTick(database.db, "r", 60_000, { backoffMs: 1 });
    expect(first).toMatchObject({ fired: 1, delivered: 0 });
    for (let i = 0; i < 5 && hook.received.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await deliverDue(database.db, { backoffMs: 1 });
    }
    expect(hook.received.map((r) => r.headers["x-portal-delivery"])).toEqual(Array(3).fill(hook.received[0]!.headers["x-portal-delivery"]));
    // Slack-compatible body
    expect(hook.received[2]!.json).toMatchObject({ text: expect.stringContaining("Job failed: retry_dag") as string, blocks: expect.any(Array) as unknown[] });
    const {
      deliveries: [log],
    } = await deliveryLog({ ctx: ctx(), input: { limit: 10 } });
    expect(log).toMatchObject({ status: "delivered", attempts: 3, channelName: "slack" });
    expect(log!.attemptLog.map((a) => a.httpStatus)).toEqual([500, 500, 200]);
    // Delivered: nothing more is sent.
    await deliverDue(database.db, { backoffMs: 1 });
    expect(hook.received).toHaveLength(3);
  });

  it.skipIf(skip)("gives up on a receiver that hangs (timeout) without holding up another channel's delivery", async () => {
    const hanging = await receiver(() => "hang");
    const fine = await receiver();
    const slow = await createChannel({ ctx: ctx(), input: { name: "hangs", kind: "json", url: hanging.url, secret: SECRET } });
    const quick = await createChannel({ ctx: ctx(), input: { name: "quick", kind: "json", url: fine.url, secret: SECRET } });
    await createRule({ ctx: ctx(), input: ruleInput.parse({ name: "hang", kind: "job_failed", scopeKind: "job", scopeValue: `${NS}:hang_dag`, channelIds: [slow.id, quick.id] }) });
    await ingest([event("FAIL", uuid(), "hang_dag")]);
    const started = Date.now();
    await alertTick(database.db, "r", 60_000, { timeoutMs: 300, backoffMs: 1 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fine.received).toHaveLength(1);
    // Pass after pass until the hanging channel's row gives up (its backoff, 1 ms × 2ⁿ, may not have
    // passed when a pass comes right after the previous one: such a pass sends nothing).
    const hangingRow = () => database.db.alertDelivery.findFirstOrThrow({ where: { channelId: slow.id } });
    for (let i = 0; i < 100 && (await hangingRow()).status !== "failed"; i++) {
      await deliverDue(database.db, { timeoutMs: 200, backoffMs: 1 });
      await new Promise((r) => setTimeout(r, 20));
    }
    const { deliveries: log } = await deliveryLog({ ctx: ctx(), input: { limit: 10 } });
    const hung = log.find((l) => l.channelName === "hangs")!;
    expect(hung).toMatchObject({ status: "failed", attempts: 5 });
    expect(hung.lastError).toMatch(/did not answer within/);
    expect(log.find((l) => l.channelName === "quick")).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it.skipIf(skip)("a backlog to a dead receiver does not hold up another channel's message", async () => {
    const dead = await receiver(() => 500);
    const fine = await receiver();
    const deadChannel = await createChannel({ ctx: ctx(), input: { name: "dead", kind: "json", url: dead.url, secret: SECRET } });
    const fineChannel = await createChannel({ ctx: ctx(), input: { name: "fine", kind: "json", url: fine.url, secret: SECRET } });
    const message = (title: string) => ({ purpose: "test", title, text: title, severity: "info" as const, firedAt: new Date().toISOString() });
    await enqueueDeliveries(
      database.db,
      Array.from({ length: 45 }, (_, i) => ({
        channelId: deadChannel.id,
        incidentId: null,
        purpose: "test" as const,
        idempotencyKey: `backlog:${i}`,
        message: message(`backlog ${i}`),
      })),
    );
    // The backlog is older than the other channel's message: oldest-first alone would send only it.
    await database.db.$executeRaw`UPDATE alert_deliveries SET next_attempt_at = now() - interval '1 hour' WHERE channel_id = ${deadChannel.id}::uuid`;
    await enqueueDeliveries(database.db, [{ channelId: fineChannel.id, incidentId: null, purpose: "test", idempotencyKey: "fine:1", message: message("owners notified") }]);

    const outcomes = await deliverDue(database.db, { limit: 20, backoffMs: 1 });
    expect(outcomes).toHaveLength(20);
    expect(fine.received.map((r) => r.json.title)).toEqual(["owners notified"]);
    expect(dead.received).toHaveLength(19);
  });

  it.skipIf(skip)("send test reports the receiver's answer; a deleted channel is dropped from its rules", async () => {
    const hook = await receiver((n) => (n === 0 ? 200 : 404));
    const channel = await createChannel({ ctx: ctx(), input: { name: "test me", kind: "json", url: hook.url, secret: SECRET } });
    const ok = await testChannel({ ctx: ctx(), input: { id: channel.id } });
    expect(ok.outcome).toMatchObject({ status: "delivered", result: { status: 200 } });
    expect(hook.received[0]!.json).toMatchObject({ purpose: "test", title: "Test message" });
    const notFound = await testChannel({ ctx: ctx(), input: { id: channel.id } });
    // 404 is not worth retrying: failed at once, with the answer.
    expect(notFound.outcome).toMatchObject({ status: "failed", result: { status: 404 } });
    const rule = await createRule({ ctx: ctx(), input: ruleInput.parse({ name: "x", kind: "job_failed", scopeKind: "tag", scopeValue: "pii", channelIds: [channel.id] }) });
    await deleteChannel({ ctx: ctx(), input: { id: channel.id } });
    expect((await database.db.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).channelIds).toEqual([]);
  });

  it.skipIf(skip)("impact of a failed run lists the downstream datasets and owners; Notify owners delivers to every channel (audited)", async () => {
    const hook = await receiver();
    await createChannel({ ctx: ctx(), input: { name: "owners", kind: "json", url: hook.url, secret: SECRET } });
    const ok = uuid();
    await ingest([event("COMPLETE", ok, "load_orders", { inputs: [ds("raw.orders")], outputs: [ds("staging.orders")] })]);
    await ingest([event("COMPLETE", uuid(), "build_revenue", { inputs: [ds("staging.orders")], outputs: [ds("curated.revenue")] })]);
    const failed = uuid();
    await ingest([event("FAIL", failed, "load_orders", { inputs: [ds("raw.orders")], outputs: [ds("staging.orders")], error: "disk full" })]);
    const impact = await runImpact({ ctx: ctx(), input: { runId: failed } });
    expect(impact.run).toMatchObject({ state: "FAIL", job: "load_orders", error: "disk full" });
    expect(impact.datasets.map((d) => [d.step, d.name])).toEqual([
      [1, "staging.orders"],
      [2, "curated.revenue"],
    ]);
    const sent = await notifyOwners({ ctx: ctx(), input: { runId: failed } });
    expect(sent).toMatchObject({ datasets: 2, channels: 1 });
    for (let i = 0; i < 50 && hook.received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.json).toMatchObject({ purpose: "notify", runId: failed });
    expect(String(hook.received[0]!.json.text)).toContain("curated.revenue");
    const audit = await database.db.auditEvent.findFirst({ where: { action: "alerts.owners_notified", subject: `run:${failed}` } });
    expect(audit).toMatchObject({ actorEmail: "editor@example.com", outcome: "success" });
  });

  it.skipIf(skip)("a late job's alert has its impact and owners too; Notify owners sends it as late (audited); other alerts are refused, nothing sent", async () => {
    const hook = await receiver();
    const channel = await createChannel({ ctx: ctx(), input: { name: "late owners", kind: "json", url: hook.url, secret: SECRET } });
    await ingest([event("COMPLETE", uuid(), "late_loader", { inputs: [ds("raw.events")], outputs: [ds("staging.events")] })]);
    await ingest([event("COMPLETE", uuid(), "events_report", { inputs: [ds("staging.events")], outputs: [ds("curated.events_daily")] })]);
    const owned = await database.db.catalogDataset.create({
      data: { engineId: "pg", catalog: "warehouse", schema: "curated", name: "events_daily", kind: "TABLE", columnsHash: "x", owners: ["editor@example.com"] },
    });
    await database.db.$executeRaw`UPDATE lineage_datasets SET catalog_dataset_id = ${owned.id}::uuid WHERE name = 'curated.events_daily'`;
    const rule = await createRule({
      ctx: ctx(),
      input: ruleInput.parse({ name: "loader by 00:01", kind: "job_late", scopeKind: "job", scopeValue: `${NS}:late_loader`, deadline: "00:01", channelIds: [channel.id] }),
    });
    // Evaluated two days on at 00:02 UTC: the deadline has passed and no run completed in the day before it.
    const tomorrow = new Date(Date.now() + 2 * 86_400_000);
    const now = new Date(Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 0, 2));
    await database.db.alertRule.update({ where: { id: rule.id }, data: { createdAt: new Date(now.getTime() - 3_600_000) } });
    const [fired] = await evaluateRules(database.db, now);
    expect(fired).toMatchObject({ ruleId: rule.id });
    const impact = await runImpact({ ctx: ctx(), input: { incidentId: fired!.incidentId } });
    expect(impact.run).toMatchObject({ late: true, job: "late_loader", state: "COMPLETE" });
    expect(impact.datasets.map((d) => d.name)).toEqual(["staging.events", "curated.events_daily"]);
    expect(impact.owners).toEqual(["editor@example.com"]);
    await deliverDue(database.db, { backoffMs: 1 });
    const alerts = hook.received.length;
    expect(await notifyOwners({ ctx: ctx(), input: { incidentId: fired!.incidentId } })).toMatchObject({ owners: ["editor@example.com"], datasets: 2, channels: 1 });
    // Sent in the background: wait until its delivery is recorded (the next test empties the tables).
    const recorded = () => database.db.alertDelivery.count({ where: { purpose: "notify", status: "delivered" } });
    for (let i = 0; i < 100 && (await recorded()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(hook.received.length).toBe(alerts + 1);
    const notice = hook.received.find((r) => r.json.purpose === "notify")!;
    expect(notice.json).toMatchObject({ title: "late_loader is late: downstream data is stale", severity: "warning" });
    expect(String(notice.json.text)).toContain("Owners: editor@example.com");
    expect(await database.db.auditEvent.count({ where: { action: "alerts.owners_notified", subject: `alert:${fired!.incidentId}` } })).toBe(1);

    // A failed run's alert, or an unknown one: refused with a message, nothing queued.
    const failedRule = await createRule({ ctx: ctx(), input: ruleInput.parse({ name: "fails", kind: "job_failed", scopeKind: "job", scopeValue: `${NS}:late_loader` }) });
    const failed = uuid();
    await ingest([event("FAIL", failed, "late_loader", { error: "boom" })]);
    const [failure] = await evaluateRules(database.db);
    expect(failure).toMatchObject({ ruleId: failedRule.id });
    const queued = await database.db.alertDelivery.count();
    expect((await domainErrorOf(notifyOwners({ ctx: ctx(), input: { incidentId: failure!.incidentId } }))).message).toMatch(/Only a “job did not finish” alert/);
    expect((await domainErrorOf(runImpact({ ctx: ctx(), input: { incidentId: "0192c0de-0000-7000-8000-000000000998" } }))).message).toMatch(/not known/);
    expect(await database.db.alertDelivery.count()).toBe(queued);
  });

  it.skipIf(skip)(`a burst of failures larger than a tick's ${FAILURES_PER_TICK} fires every one over the next ticks, each once`, async () => {
    const rule = await createRule({ ctx: ctx(), input: ruleInput.parse({ name: "burst", kind: "job_failed", scopeKind: "job", scopeValue: `${NS}:burst_job` }) });
    await database.db.alertRule.update({ where: { id: rule.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    await ingest(Array.from({ length: FAILURES_PER_TICK * 2 + 50 }, () => event("FAIL", uuid(), "burst_job")));
    const fired: number[] = [];
    for (let tick = 0; tick < 4; tick++) fired.push((await evaluateRules(database.db)).length);
    expect(fired).toEqual([FAILURES_PER_TICK, FAILURES_PER_TICK, 50, 0]);
    expect(await database.db.alertIncident.count({ where: { ruleId: rule.id } })).toBe(FAILURES_PER_TICK * 2 + 50);
  });

  it.skipIf(skip)(
    "a JSON channel's secret is stored encrypted and never listed; a row saved before encryption is encrypted by the next tick and still signs; rotation re-encrypts it",
    async () => {
      const hook = await receiver();
      const created = await createChannel({ ctx: ctx(), input: { name: "signed", kind: "json", url: hook.url, secret: SECRET } });
      const stored = () => database.db.alertChannel.findUniqueOrThrow({ where: { id: created.id } }).then((c) => c.secret!);
      expect(isEncryptedSecret(await stored())).toBe(true);
      expect(await stored()).not.toContain(SECRET);
      const listed = (await listChannels({ ctx: ctx(), input: undefined })).find((c) => c.id === created.id)!;
      expect(listed).toMatchObject({ hasSecret: true });
      expect(JSON.stringify(listed)).not.toContain("enc:v1:");
      expect(listed).not.toHaveProperty("secret");
      // Saved before encryption at rest: the secret as typed.
      const legacy = "a-legacy-secret-typed-before-encryption";
      await database.db.alertChannel.update({ where: { id: created.id }, data: { secret: legacy } });
      await testChannel({ ctx: ctx(), input: { id: created.id } });
      expect(verifySignature(hook.received.at(-1)!, legacy)).toBe(true);
      expect(isEncryptedSecret(await stored())).toBe(true);
      expect(decryptSecret(await stored())).toBe(legacy);
      await database.db.alertChannel.update({ where: { id: created.id }, data: { secret: legacy } });
      await alertTick(database.db, "r", 60_000);
      expect(decryptSecret(await stored())).toBe(legacy);
      // A new key: rotation re-encrypts the channel's secret, which then signs as before.
      const before = await stored();
      const oldKey = parseSecretKey(generateSecretKeyText());
      setSecretKey(oldKey);
      await database.db.alertChannel.update({ where: { id: created.id }, data: { secret: null } });
      await updateChannel({ ctx: ctx(), input: { id: created.id, channel: { name: "signed", kind: "json", url: hook.url, secret: SECRET } } });
      const newKey = parseSecretKey(generateSecretKeyText());
      const rotated = await rotateSecrets(database.db, oldKey, newKey);
      expect(rotated.columns).toContain("alert_channels.secret");
      setSecretKey(newKey);
      expect(await stored()).not.toBe(before);
      expect(decryptSecret(await stored(), newKey)).toBe(SECRET);
      await testChannel({ ctx: ctx(), input: { id: created.id } });
      expect(verifySignature(hook.received.at(-1)!, SECRET)).toBe(true);
      // Left empty on update: the stored secret is kept; too short: refused and nothing changed.
      await updateChannel({ ctx: ctx(), input: { id: created.id, channel: { name: "renamed", kind: "json", url: hook.url } } });
      expect(decryptSecret(await stored())).toBe(SECRET);
      const kept = await stored();
      expect((await domainErrorOf(updateChannel({ ctx: ctx(), input: { id: created.id, channel: { name: "x", kind: "json", url: hook.url, secret: "short" } } }))).message).toMatch(
        /at least 16/,
      );
      expect(await stored()).toBe(kept);
    },
  );

  it.skipIf(skip)("refuses webhook URLs that are not http(s), point at the portal or carry credentials; a JSON channel needs a secret", async () => {
    const refuse = async (url: string, kind: "json" | "slack" = "slack", secret?: string) =>
      (await domainErrorOf(createChannel({ ctx: ctx(), input: { name: "bad", kind, url, secret } }))).message;
    expect(await refuse("ftp://example.com/hook")).toMatch(/http:\/\/ or https:\/\/ URL \(not ftp\)/);
    expect(await refuse("javascript:alert(1)")).toMatch(/not javascript/);
    expect(await refuse("not a url")).toMatch(/must be a URL/);
    expect(await refuse("http://127.0.0.1:3000/api/trpc/users.create")).toMatch(/portal itself/);
    expect(await refuse("http://user:pw@example.com/")).toMatch(/user name or password/);
    expect(await refuse("https://example.com/hook", "json")).toMatch(/signing secret/);
    // Without the allowance, loopback and private networks are refused.
    const strict = { allowPrivate: false, ownOrigins: ["https://portal.example.com"], ownPort: 3000 };
    for (const url of [
      "http://127.0.0.1:9999/",
      "http://localhost:8080/",
      "http://10.1.2.3/",
      "http://[::1]:9/",
      "http://169.254.169.254/latest/meta-data",
      "http://[::ffff:192.168.0.1]/",
    ])
      expect(() => checkWebhookUrl(url, strict), url).toThrow(/loopback or private/);
    expect(() => checkWebhookUrl("https://portal.example.com/api/health", strict)).toThrow(/portal itself/);
    expect(checkWebhookUrl("https://hooks.slack.com/services/T/B/X", strict).host).toBe("hooks.slack.com");
  });

  it.skipIf(skip)("refuses impossible windows and scopes with field messages", async () => {
    const issues = (input: unknown) => ruleInput.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(issues({ name: "late", kind: "job_late", scopeKind: "namespace", scopeValue: NS, deadline: "25:00" })).toEqual([
      "deadline: must be a time of day HH:MM (UTC) between 00:00 and 23:59",
    ]);
    expect(issues({ name: "late", kind: "job_late", scopeKind: "namespace", scopeValue: NS, deadline: "12:60" })).toHaveLength(1);
    expect(issues({ name: "f", kind: "job_failed", scopeKind: "namespace", scopeValue: NS, deadline: "06:00" })).toEqual(["deadline: applies to “job did not finish” rules only"]);
    expect(issues({ name: "j", kind: "job_failed", scopeKind: "job", scopeValue: "no-namespace" })).toEqual(["scopeValue: must name a job as <namespace>:<job name>"]);
    expect(issues({ name: "", kind: "sometimes", scopeKind: "team", scopeValue: "" }).length).toBeGreaterThanOrEqual(3);
    const missing = await domainErrorOf(
      createRule({
        ctx: ctx(),
        input: ruleInput.parse({ name: "x", kind: "job_failed", scopeKind: "tag", scopeValue: "pii", channelIds: ["0192c0de-0000-7000-8000-000000000999"] }),
      }),
    );
    expect(missing.message).toMatch(/no longer exists/);
  });

  it.skipIf(skip)("a deadline rule fires once per day for a job that did not complete by then", async () => {
    const hook = await receiver();
    const channel = await createChannel({ ctx: ctx(), input: { name: "late", kind: "slack", url: hook.url } });
    await ingest([event("START", uuid(), "nightly_dag")]);
    const now = new Date();
    // A deadline a minute ago (today, UTC); the rule must have existed before it.
    const past = new Date(now.getTime() - 60_000);
    if (past.getUTCDate() !== now.getUTCDate()) return; // just after midnight UTC: no earlier time today
    const hhmm = past.toISOString().slice(11, 16);
    const rule = await createRule({
      ctx: ctx(),
      input: ruleInput.parse({ name: "nightly", kind: "job_late", scopeKind: "job", scopeValue: `${NS}:nightly_dag`, deadline: hhmm, channelIds: [channel.id] }),
    });
    await database.db.alertRule.update({ where: { id: rule.id }, data: { createdAt: new Date(now.getTime() - 3_600_000) } });
    expect((await alertTick(database.db, "r", 60_000)).fired).toBe(1);
    expect((await alertTick(database.db, "r", 60_000)).fired).toBe(0);
    expect(hook.received).toHaveLength(1);
    expect(String((hook.received[0]!.json as { text: string }).text)).toContain(`did not finish by ${hhmm} UTC`);
  });
});
