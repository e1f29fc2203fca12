// Admin › Connections, on the embedded database and on PostgreSQL: secrets are write-only (never
// in any answer), two admins editing one connection get a conflict instead of a silent overwrite,
// every change is audited without secrets, and Test reaches real loopback servers (the Trino
// protocol server and s3rver) and names what failed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import { TRPCError } from "@trpc/server";
import { generateSecretKeyText, parseSecretKey, setSecretKey } from "../secrets";
import { TrinoProtocolServer } from "../engines/testing/trino-protocol-server";
import { startS3Server, S3RVER_CREDENTIALS, type TestS3Server } from "../storage/testing/s3-server";
import { createCaller } from "../api/root";
import type { CurrentUser } from "../auth/current-user";
import { createConnection, deleteConnection, getConnection, listConnections, updateConnection } from "./connections";
import { probeS3, probeTrino, testConnection } from "./probe";
import { airflowSettings, trinoSettings } from "./schemas";
import { startFakeAirflow, type FakeAirflow } from "../orchestrators/airflow/testing/fake-airflow";

const TRINO_PASSWORD = "trino-pass-d0-not-leak";
const S3_SECRET = S3RVER_CREDENTIALS.secretAccessKey;

await describeOnDatabases("connections on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let admin: CurrentUser;
  let other: CurrentUser;
  let viewer: CurrentUser;
  const ctxOf = (user: CurrentUser) => ({ user, ip: null, db: database.db });
  beforeAll(async () => {
    if (skip) return;
    setSecretKey(parseSecretKey(generateSecretKeyText()));
    database = await createTestDatabase(kind);
    admin = await createTestUser(database.db, "admin@example.com", "admin");
    other = await createTestUser(database.db, "other@example.com", "admin");
    viewer = await createTestUser(database.db, "viewer@example.com", "viewer");
  });
  afterAll(async () => {
    setSecretKey(undefined);
    await database?.close();
  });
  beforeEach(async () => {
    if (!skip) await database.db.$executeRaw`TRUNCATE connections, audit_events`;
  });

  const trinoInput = (url = "https://trino.example.com:8443") => ({
    name: "trino-prod",
    kind: "trino" as const,
    enabled: true,
    settings: trinoSettings.parse({ url, auth: "basic", user: "portal" }),
    secret: { value: TRINO_PASSWORD } as { value: string } | { keep: true },
  });

  describe.skipIf(skip)("secrets", () => {
    it("never returns a stored secret from list, get, create or update, and stores it encrypted", async () => {
      const created = await createConnection({ ctx: ctxOf(admin), input: trinoInput() });
      expect(created.secret).toEqual({ state: "set" });
      const updated = await updateConnection({ ctx: ctxOf(admin), input: { ...trinoInput(), id: created.id, version: created.version, enabled: true, secret: { keep: true } } });
      const outputs = [created, updated, await getConnection({ ctx: ctxOf(admin), input: { id: created.id } }), await listConnections({ ctx: ctxOf(admin), input: undefined })];
      const caller = createCaller({ user: admin, ip: null, db: database.db } as never);
      outputs.push(await caller.connections.list());
      for (const output of outputs) expect(JSON.stringify(output)).not.toContain(TRINO_PASSWORD);
      const row = await database.db.connection.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.secret).toMatch(/^enc:v1:/);
      expect(row.secret).not.toContain(TRINO_PASSWORD);
      // "Leave unchanged" kept it; the audit says so and holds no secret.
      const audit = await database.db.auditEvent.findMany({ orderBy: { id: "asc" } });
      expect(audit.map((a) => a.action)).toEqual(["connection.created", "connection.updated"]);
      expect((audit[1]!.details as { secret: string }).secret).toBe("unchanged");
      expect(JSON.stringify(audit.map((a) => a.details))).not.toContain(TRINO_PASSWORD);
    });

    it("keeps a Vault reference as it is and shows where it lives", async () => {
      const created = await createConnection({ ctx: ctxOf(admin), input: { ...trinoInput(), secret: { value: "vault:secret/portal/trino#password" } } });
      expect(created.secret).toEqual({ state: "vault", reference: "vault:secret/portal/trino#password" });
      const err = await domainErrorOf(createConnection({ ctx: ctxOf(admin), input: { ...trinoInput(), name: "trino-b", secret: { value: "vault:nope" } } }));
      expect(err.code).toBe("BAD_REQUEST");
    });
  });

  describe.skipIf(skip)("concurrent edits", () => {
    it("refuses the second of two edits made from the same version, and keeps the first", async () => {
      const created = await createConnection({ ctx: ctxOf(admin), input: trinoInput() });
      const base = { ...trinoInput(), id: created.id, version: created.version, enabled: true };
      await updateConnection({ ctx: ctxOf(admin), input: { ...base, settings: { ...base.settings, catalog: "iceberg" } } });
      const err = await domainErrorOf(updateConnection({ ctx: ctxOf(other), input: { ...base, settings: { ...base.settings, catalog: "hive" } } }));
      expect(err.code).toBe("CONFLICT");
      expect(err.message).toContain("admin@example.com changed this connection");
      expect((await getConnection({ ctx: ctxOf(admin), input: { id: created.id } })).settings.catalog).toBe("iceberg");
      const del = await domainErrorOf(deleteConnection({ ctx: ctxOf(other), input: { id: created.id, version: created.version } }));
      expect(del.code).toBe("CONFLICT");
      expect(await database.db.connection.count()).toBe(1);
    });

    it("refuses a duplicate name and the names of environment connections", async () => {
      await createConnection({ ctx: ctxOf(admin), input: trinoInput() });
      expect((await domainErrorOf(createConnection({ ctx: ctxOf(admin), input: trinoInput() }))).code).toBe("CONFLICT");
      expect((await domainErrorOf(createConnection({ ctx: ctxOf(admin), input: { ...trinoInput(), name: "lake" } }))).code).toBe("CONFLICT");
    });

    it("refuses viewers through the router and changes nothing", async () => {
      const caller = createCaller({ user: viewer, ip: null, db: database.db } as never);
      await expect(caller.connections.create(trinoInput())).rejects.toBeInstanceOf(TRPCError);
      await expect(caller.connections.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await database.db.connection.count()).toBe(0);
      // Only the refusals are in the audit log (server/audit/refusals.ts), nothing about a connection.
      expect((await database.db.auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => [e.action, e.subject, e.outcome])).toEqual([
        ["api.refused", "connections.create", "denied"],
        ["api.refused", "connections.list", "denied"],
      ]);
    });

    it("bumps the revision replicas poll on every change", async () => {
      const revision = async () => (await database.db.connectionsRevision.findUniqueOrThrow({ where: { id: 1 } })).revision;
      const start = await revision();
      const created = await createConnection({ ctx: ctxOf(admin), input: trinoInput() });
      await deleteConnection({ ctx: ctxOf(admin), input: { id: created.id, version: created.version } });
      expect((await revision()) - start).toBe(2n);
    });
  });

  describe.skipIf(skip)("Test", () => {
    let trino: TrinoProtocolServer;
    let s3: TestS3Server;
    beforeAll(async () => {
      trino = await TrinoProtocolServer.start({ auth: { user: "portal", password: TRINO_PASSWORD } });
      s3 = await startS3Server({ buckets: ["raw", "curated"] });
    });
    afterAll(async () => {
      await trino?.close();
      await s3?.close();
    });

    it("runs SELECT 1 on Trino with a typed password, and with the stored one when left unchanged", async () => {
      const typed = await testConnection({ ctx: ctxOf(admin), input: trinoInput(trino.url) });
      expect(typed.ok).toBe(true);
      expect(typed.steps.map((s) => s.step)).toEqual(["Connect", "Authenticate", "SELECT 1"]);
      const saved = await createConnection({ ctx: ctxOf(admin), input: trinoInput(trino.url) });
      const kept = await testConnection({ ctx: ctxOf(admin), input: { ...trinoInput(trino.url), id: saved.id, secret: { keep: true } } });
      expect(kept.ok).toBe(true);
      expect(kept.steps[1]!.message).toBe("Signed in as admin@example.com.");
      const wrong = await testConnection({ ctx: ctxOf(admin), input: { ...trinoInput(trino.url), secret: { value: "wrong" } } });
      expect(wrong.ok).toBe(false);
      expect(wrong.steps.at(-1)!.message).toMatch(/Credentials refused by 127\.0\.0\.1:\d+ \(401\)/);
      const audit = await database.db.auditEvent.findMany({ where: { action: "connection.tested" } });
      expect(audit.map((a) => a.outcome)).toEqual(["success", "success", "failure"]);
      expect(JSON.stringify(audit.map((a) => a.details))).not.toContain(TRINO_PASSWORD);
    });

    it("lists and heads the buckets of S3, and names bad credentials", async () => {
      const settings = { endpoint: s3.endpoint, region: "us-east-1", pathStyle: true, accessKeyId: S3RVER_CREDENTIALS.accessKeyId };
      const good = await probeS3(settings, S3_SECRET);
      expect(good.ok).toBe(true);
      expect(good.steps.map((s) => s.step)).toEqual(["List buckets", "Head bucket curated", "Head bucket raw"]);
      const bad = await probeS3({ ...settings, accessKeyId: "WRONG" }, "WRONG");
      expect(bad).toMatchObject({ ok: false, steps: [{ step: "List buckets", ok: false }] });
      expect(bad.steps[0]!.message).toMatch(/^Credentials refused by 127\.0\.0\.1:\d+: InvalidAccessKeyId/);
    });

    it("names an unreachable port and a server that never answers", async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const refused = await probeS3({ endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", pathStyle: true, accessKeyId: "a" }, "b");
      expect(refused.steps[0]!.message).toBe(`Connection refused by 127.0.0.1:${port}: nothing listens there.`);

      const silent = http.createServer(() => {}); // accepts, never answers
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const silentPort = (silent.address() as AddressInfo).port;
      try {
        const timedOut = await probeS3({ endpoint: `http://127.0.0.1:${silentPort}`, region: "us-east-1", pathStyle: true, accessKeyId: "a" }, "b", 300);
        expect(timedOut.steps[0]!.message).toContain("Timed out: 127.0.0.1:");
        const trinoTimeout = await probeTrino(trinoSettings.parse({ url: `http://127.0.0.1:${silentPort}` }), null, "admin@example.com", 300);
        expect(trinoTimeout).toEqual({ ok: false, steps: [{ step: "Connect", ok: false, message: `Timed out: 127.0.0.1:${silentPort} did not answer within 0.3 s.` }] });
      } finally {
        silent.closeAllConnections();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    }, 30_000);
  });

  describe.skipIf(skip)("Airflow", () => {
    let airflow: FakeAirflow;
    beforeAll(async () => {
      airflow = await startFakeAirflow({ users: [{ username: "portal", password: TRINO_PASSWORD }], tokens: ["airflow-token-abc"] });
    });
    afterAll(async () => {
      await airflow?.close();
    });
    const airflowInput = (settings: Record<string, unknown>, secret: { value: string } | { keep: true }) => ({
      name: "airflow-prod",
      kind: "airflow" as const,
      enabled: true,
      settings: airflowSettings.parse({ url: airflow.url, ...settings }),
      secret,
    });

    it("saves an Airflow connection and Tests it with the adapter's probe, using the stored password when left unchanged", async () => {
      const saved = await createConnection({ ctx: ctxOf(admin), input: airflowInput({ auth: "basic", user: "portal" }, { value: TRINO_PASSWORD }) });
      expect(saved).toMatchObject({ kind: "airflow", settings: { apiVersion: "v1", auth: "basic", user: "portal" }, secret: { state: "set" } });
      const kept = await testConnection({ ctx: ctxOf(admin), input: { ...airflowInput({ auth: "basic", user: "portal" }, { keep: true }), id: saved.id } });
      expect(kept).toMatchObject({
        ok: true,
        steps: [
          { step: "Reach Airflow", ok: true },
          { step: "Sign in and list DAGs", ok: true },
        ],
      });
      const token = await testConnection({ ctx: ctxOf(admin), input: airflowInput({ auth: "token" }, { value: "airflow-token-abc" }) });
      expect(token.ok).toBe(true);
      const wrong = await testConnection({ ctx: ctxOf(admin), input: airflowInput({ auth: "token" }, { value: "not-the-token" }) });
      expect(wrong).toMatchObject({ ok: false, steps: [{ ok: true }, { ok: false, step: "Sign in and list DAGs" }] });
      expect(JSON.stringify([kept, token, wrong])).not.toContain(TRINO_PASSWORD);
      // The last Test of the saved connection is listed with it.
      const listed = (await listConnections({ ctx: ctxOf(admin), input: undefined })).find((c) => c.id === saved.id)!;
      expect(listed.lastTest).toMatchObject({ ok: true, by: "admin@example.com", failedStep: null });
    });

    it("refuses API version v2 with a clear field message", () => {
      const parsed = airflowSettings.safeParse({ url: "https://airflow.example.com", apiVersion: "v2" });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]!.message).toBe("must be v1 (Airflow 2.x): Airflow 3's v2 API is not supported yet");
    });
  });
});
