// First start: exactly one admin account and one shared session secret, even when several
// replicas start at the same moment.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createPrismaClient } from "../db/client";
import { hashPassword } from "./password";
import { signIn } from "./sign-in";
import { DEFAULT_ADMIN_EMAIL, ensureAuthSecret, ensureFirstAdmin } from "./bootstrap";

await describeOnDatabases("first start on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (!skip) database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (!skip) await database.db.$executeRaw`TRUNCATE users, audit_events, portal_settings CASCADE`;
  });

  it.skipIf(skip)("creates exactly one admin when several replicas start at once", async () => {
    // Separate clients, as separate processes would have.
    const replicas = [database.db, createPrismaClient(database.url, 2), createPrismaClient(database.url, 2), createPrismaClient(database.url, 2)];
    try {
      // Connected first, so that the four really start together.
      await Promise.all(replicas.map((client) => client.$queryRaw`SELECT 1`));
      const results = await Promise.all(replicas.map((client) => ensureFirstAdmin(client, {})));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await database.db.user.findMany({ select: { email: true, role: true } })).toEqual([{ email: DEFAULT_ADMIN_EMAIL, role: "admin" }]);
      expect(await database.db.auditEvent.count({ where: { action: "user.created" } })).toBe(1);
    } finally {
      await Promise.all(replicas.slice(1).map((client) => client.$disconnect()));
    }
  });

  it.skipIf(skip)("uses the configured e-mail and password", async () => {
    const result = await ensureFirstAdmin(database.db, { email: "  Ops@Example.COM ", password: "configured password" });

    expect(result).toEqual({ created: true, email: "ops@example.com", generatedPassword: null });
    expect(await signIn({ email: "ops@example.com", password: "configured password" }, database.db)).toMatchObject({
      status: "ok",
      user: { email: "ops@example.com", role: "admin" },
    });
    expect(await database.db.auditEvent.findFirst({ where: { action: "user.created" } })).toMatchObject({
      actorId: null,
      subject: "ops@example.com",
      outcome: "success",
      details: { role: "admin", reason: "first start" },
    });
  });

  it.skipIf(skip)("without configuration, generates a strong password that signs in, different on every first start", async () => {
    const first = await ensureFirstAdmin(database.db, {});
    if (!first.created || !first.generatedPassword) throw new Error("expected a generated password");
    expect(first.email).toBe(DEFAULT_ADMIN_EMAIL);
    expect(first.generatedPassword.length).toBeGreaterThanOrEqual(16);
    expect((await signIn({ email: DEFAULT_ADMIN_EMAIL, password: first.generatedPassword }, database.db)).status).toBe("ok");

    await database.db.$executeRaw`TRUNCATE users, audit_events CASCADE`;
    const second = await ensureFirstAdmin(database.db, {});
    expect(second.created && second.generatedPassword).toBeTruthy();
    expect((second as { generatedPassword: string }).generatedPassword).not.toBe(first.generatedPassword);
  });

  it.skipIf(skip)("does nothing once any user exists, whatever is configured", async () => {
    await database.db.user.create({ data: { email: "someone@example.com", name: "Someone", role: "viewer", passwordHash: await hashPassword("x".repeat(12)) } });

    expect(await ensureFirstAdmin(database.db, { email: "new-admin@example.com", password: "configured password" })).toEqual({ created: false });
    expect(await ensureFirstAdmin(database.db, {})).toEqual({ created: false });
    expect(await database.db.user.count()).toBe(1);
    expect(await database.db.auditEvent.count()).toBe(0);
  });

  it.skipIf(skip)("generates one session secret, shared by every replica and every restart", async () => {
    const other = createPrismaClient(database.url, 2);
    try {
      const [a, b] = await Promise.all([ensureAuthSecret(database.db, undefined), ensureAuthSecret(other, undefined)]);
      expect(a).toBe(b);
      expect(a.length).toBeGreaterThanOrEqual(32); // what NEXTAUTH_SECRET itself must have
      expect(await ensureAuthSecret(database.db, undefined)).toBe(a);
      expect(await ensureAuthSecret(other, undefined)).toBe(a);
    } finally {
      await other.$disconnect();
    }
  });

  it.skipIf(skip)("uses NEXTAUTH_SECRET when it is configured", async () => {
    const configured = "c".repeat(40);
    expect(await ensureAuthSecret(database.db, configured)).toBe(configured);
    expect(await ensureAuthSecret(database.db, configured)).toBe(configured);
  });
});
