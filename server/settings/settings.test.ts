// Admin › Settings on the embedded database and on PostgreSQL: precedence (environment › stored ›
// default), the version read guarding against two admins overwriting each other, audit rows with
// the value before and after, refusals (locked by the environment, bad values, viewers and editors)
// that change nothing, and a change saved through one replica used by another: two snapshots, each
// on its own database client, waited on through the snapshot's own change event.
import { TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import { createPrismaClient, type Db } from "../db/client";
import { createCaller } from "../api/root";
import type { CurrentUser } from "../auth/current-user";
import { rightsOf, uploadLimitBytes } from "../storage/access";
import { listSettings, listStoreBuckets, resetSetting, updateSetting } from "./settings";
import { startSettingsSnapshot, setSettingsSnapshot, type SettingsSnapshot } from "./snapshot";
import { settingValue } from "./effective";
import { LocalObjectStore } from "../storage/local-store";

/** Resolves at the snapshot's next applied change (an event, not a clock). */
function nextChange(snapshot: SettingsSnapshot): Promise<bigint> {
  return new Promise((resolve) => {
    const off = snapshot.onChange((revision) => {
      off();
      resolve(revision);
    });
  });
}

await describeOnDatabases("settings on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let admin: CurrentUser;
  let other: CurrentUser;
  let viewer: CurrentUser;
  let editor: CurrentUser;
  const ctxOf = (user: CurrentUser) => ({ user, ip: null, db: database.db });
  const audits = () => database.db.auditEvent.findMany({ where: { action: { startsWith: "setting." } }, orderBy: { at: "asc" } });

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    admin = await createTestUser(database.db, "admin@example.com", "admin");
    other = await createTestUser(database.db, "other@example.com", "admin");
    viewer = await createTestUser(database.db, "viewer@example.com", "viewer");
    editor = await createTestUser(database.db, "editor@example.com", "editor");
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    if (!skip) await database.db.$executeRaw`TRUNCATE admin_settings, audit_events`;
  });

  describe.skipIf(skip)("list, change, reset", () => {
    it("lists every setting with its default, then the stored value with its version and author", async () => {
      const before = await listSettings({ ctx: ctxOf(admin), input: undefined });
      expect(before.find((s) => s.key === "uploads.maxMB")).toMatchObject({ value: 5_120, source: "default", locked: false, env: "PORTAL_UPLOAD_MAX_MB", version: 0 });
      const saved = await updateSetting({ ctx: ctxOf(admin), input: { key: "uploads.maxMB", value: 250, version: 0 } });
      expect(saved).toMatchObject({ value: 250, source: "stored", version: 1, updatedBy: "admin@example.com" });
      const after = await listSettings({ ctx: ctxOf(admin), input: undefined });
      expect(after.find((s) => s.key === "uploads.maxMB")).toMatchObject({ value: 250, source: "stored", version: 1 });
    });

    it("audits each change and reset with the value before and after", async () => {
      const rules = { raw: { read: "editor", write: "admin" }, "*": { read: "viewer", write: "editor" } };
      const first = await updateSetting({ ctx: ctxOf(admin), input: { key: "storage.bucketAccess", value: rules, version: 0 } });
      await updateSetting({ ctx: ctxOf(admin), input: { key: "storage.bucketAccess", value: { ...rules, raw: { read: "admin", write: "admin" } }, version: first.version } });
      await resetSetting({ ctx: ctxOf(admin), input: { key: "storage.bucketAccess", version: 2 } });
      const rows = await audits();
      expect(rows.map((r) => [r.action, r.subject, r.actorEmail, r.outcome])).toEqual([
        ["setting.updated", "storage.bucketAccess", "admin@example.com", "success"],
        ["setting.updated", "storage.bucketAccess", "admin@example.com", "success"],
        ["setting.reset", "storage.bucketAccess", "admin@example.com", "success"],
      ]);
      expect(rows[0]!.details).toEqual({ before: { value: { "*": { read: "viewer", write: "editor" } }, source: "default" }, after: { value: rules, source: "stored" } });
      expect(rows[1]!.details).toMatchObject({ before: { value: rules, source: "stored" }, after: { value: { raw: { read: "admin", write: "admin" } } } });
      expect(rows[2]!.details).toEqual({
        before: { value: { ...rules, raw: { read: "admin", write: "admin" } }, source: "stored" },
        after: { value: { "*": { read: "viewer", write: "editor" } }, source: "default" },
      });
      expect(await database.db.adminSetting.count()).toBe(0);
    });

    it("two admins editing the same setting: the later one gets a conflict naming the first, and nothing is overwritten", async () => {
      const readByBoth = (await listSettings({ ctx: ctxOf(admin), input: undefined })).find((s) => s.key === "sql.timeLimits")!;
      await updateSetting({ ctx: ctxOf(other), input: { key: "sql.timeLimits", value: { viewer: 60, editor: 600, admin: 3_600 }, version: readByBoth.version } });
      const error = await domainErrorOf(
        updateSetting({ ctx: ctxOf(admin), input: { key: "sql.timeLimits", value: { viewer: 10, editor: 10, admin: 10 }, version: readByBoth.version } }),
      );
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/^other@example\.com changed Query time limit by role at .* UTC since you opened this page\. Your change was not saved/);
      const resetError = await domainErrorOf(resetSetting({ ctx: ctxOf(admin), input: { key: "sql.timeLimits", version: 0 } }));
      expect(resetError.code).toBe("CONFLICT");
      const row = await database.db.adminSetting.findUniqueOrThrow({ where: { key: "sql.timeLimits" } });
      expect(row).toMatchObject({ value: { viewer: 60, editor: 600, admin: 3_600 }, version: 1, updatedBy: "other@example.com" });
      expect((await audits()).length).toBe(1);
    });
  });

  describe.skipIf(skip)("refusals change nothing", () => {
    it.each([
      [{ "": { read: "viewer", write: "editor" } }, "empty bucket name"],
      [{ raw: { read: "everyone", write: "editor" } }, '"everyone" is not a role'],
      [{ raw: { read: "admin", write: "viewer" } }, "must not be a lower role than read"],
      [{ Raw_Data: { read: "viewer", write: "editor" } }, "is not a bucket name"],
    ])("bad bucket rules %j are refused with the reason", async (value, reason) => {
      const error = await domainErrorOf(updateSetting({ ctx: ctxOf(admin), input: { key: "storage.bucketAccess", value, version: 0 } }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toContain(reason);
      expect(error.fieldErrors?.value?.[0]).toContain(reason);
      expect(await database.db.adminSetting.count()).toBe(0);
      expect(await audits()).toEqual([]);
    });

    it("a number out of range gets the same message as the environment variable would", async () => {
      const error = await domainErrorOf(updateSetting({ ctx: ctxOf(admin), input: { key: "uploads.maxMB", value: 0, version: 0 } }));
      expect(error.fieldErrors).toEqual({ value: ["must be at least 1"] });
      expect(await database.db.adminSetting.count()).toBe(0);
    });

    it("a setting whose environment variable is set is locked: shown with its value, changes and resets refused", async () => {
      // vitest.config.ts sets SQL_RESULT_RETENTION_HOURS=0 for every test process.
      const listed = (await listSettings({ ctx: ctxOf(admin), input: undefined })).find((s) => s.key === "sql.resultRetentionHours");
      expect(listed).toMatchObject({ value: 0, source: "env", locked: true, env: "SQL_RESULT_RETENTION_HOURS" });
      for (const attempt of [
        updateSetting({ ctx: ctxOf(admin), input: { key: "sql.resultRetentionHours", value: 48, version: 0 } }),
        resetSetting({ ctx: ctxOf(admin), input: { key: "sql.resultRetentionHours", version: 0 } }),
      ]) {
        const error = await domainErrorOf(attempt);
        expect(error.code).toBe("FORBIDDEN");
        expect(error.message).toContain("environment variable SQL_RESULT_RETENTION_HOURS");
      }
      expect(await database.db.adminSetting.count()).toBe(0);
      expect(await audits()).toEqual([]);
    });

    it("viewers and editors are refused every settings procedure, and nothing changes", async () => {
      for (const user of [viewer, editor]) {
        const caller = createCaller({ user, ip: null, db: database.db } as never);
        for (const call of [
          () => caller.settings.list(),
          () => caller.settings.update({ key: "uploads.maxMB", value: 1, version: 0 }),
          () => caller.settings.reset({ key: "uploads.maxMB", version: 0 }),
          () => caller.settings.buckets(),
        ]) {
          const error = await call().catch((err: unknown) => err);
          expect(error).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code).toBe("FORBIDDEN");
        }
      }
      expect(await database.db.adminSetting.count()).toBe(0);
      expect(await audits()).toEqual([]);
    });

    it("an unknown key is refused by the input schema", async () => {
      const caller = createCaller({ user: admin, ip: null, db: database.db } as never);
      const error = await caller.settings.update({ key: "no.such" as never, value: 1, version: 0 }).catch((err: unknown) => err);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
    });
  });

  describe.skipIf(skip)("every replica", () => {
    let second: Db;
    let a: SettingsSnapshot;
    let b: SettingsSnapshot;
    beforeAll(async () => {
      // The second replica's own client (its own connection to the same database).
      second = createPrismaClient(database.url, 1, { connectionWaitMs: 60_000 });
    });
    afterAll(async () => {
      await second?.$disconnect();
    });
    beforeEach(async () => {
      a = startSettingsSnapshot({ db: database.db, intervalMs: 50 });
      b = startSettingsSnapshot({ db: second, intervalMs: 50 });
      await Promise.all([a.ready, b.ready]);
    });
    afterEach(async () => {
      await Promise.all([a.stop(), b.stop()]);
    });

    it("a bucket rule and the upload limit saved through one replica are used by the other (synchronous readers included)", { timeout: 30_000 }, async () => {
      setSettingsSnapshot(a); // the saving replica re-reads at once
      try {
        expect(rightsOf("viewer", "raw", settingValue("storage.bucketAccess", b))).toEqual({ read: true, write: false });
        const seenByB = nextChange(b);
        await updateSetting({
          ctx: ctxOf(admin),
          input: { key: "storage.bucketAccess", value: { raw: { read: "editor", write: "editor" }, "*": { read: "viewer", write: "editor" } }, version: 0 },
        });
        expect(settingValue("storage.bucketAccess", a)).toMatchObject({ raw: { read: "editor" } }); // before the answer, on the replica that saved
        await seenByB;
        expect(rightsOf("viewer", "raw", settingValue("storage.bucketAccess", b))).toEqual({ read: false, write: false });
        expect(rightsOf("editor", "raw", settingValue("storage.bucketAccess", b))).toEqual({ read: true, write: true });

        // And the process-wide readers (rightsOf, uploadLimitBytes without arguments) follow the snapshot.
        setSettingsSnapshot(b);
        expect(rightsOf("viewer", "raw")).toEqual({ read: false, write: false });
        const limitSeen = nextChange(b);
        await updateSetting({ ctx: { ...ctxOf(admin), db: database.db }, input: { key: "uploads.maxMB", value: 7, version: 0 } });
        await limitSeen;
        expect(uploadLimitBytes("staging")).toBe(7 * 1024 * 1024);
      } finally {
        setSettingsSnapshot(undefined);
      }
    });

    it("a stored value its schema refuses is left out: the default applies", async () => {
      const seen = nextChange(b);
      await database.db.$transaction([
        database.db.adminSetting.create({ data: { key: "uploads.maxMB", value: "lots" } }),
        database.db.$executeRaw`UPDATE settings_revision SET revision = revision + 1 WHERE id = 1`,
      ]);
      await seen;
      expect(settingValue("uploads.maxMB", b)).toBe(5_120);
      expect((await listSettings({ ctx: ctxOf(admin), input: undefined })).find((s) => s.key === "uploads.maxMB")).toMatchObject({ value: 5_120, source: "default", version: 1 });
    });
  });

  describe.skipIf(skip)("preview buckets", () => {
    it("lists the buckets of the object store", async () => {
      const root = `${process.env.TMPDIR ?? "/tmp"}/settings-buckets-${process.pid}-${kind}`;
      const store = new LocalObjectStore({ root, signingSecret: () => "x".repeat(32) });
      await store.init(["raw", "curated"]);
      expect(await listStoreBuckets({ ctx: ctxOf(admin), input: undefined }, store)).toMatchObject({ buckets: ["curated", "raw"] });
    });
  });
});
