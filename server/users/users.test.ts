// User administration rules, on the embedded database and on PostgreSQL: what an admin sees and
// relies on (conflicts explained, the last admin protected, every change audited atomically).
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { DomainError } from "../errors";
import { hashPassword } from "../auth/password";
import { signIn } from "../auth/sign-in";
import type { Role } from "../../lib/auth/roles";
import type { CurrentUser } from "../auth/current-user";
import { changeRole, createUser, listUsers, resetPassword, setDisabled, unlockUser } from "./users";
import { MAX_FAILURES } from "../auth/lockout";
import { domainErrorOf } from "../testing/expectations";

await describeOnDatabases("users on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  const db = () => database.db;
  const ctxOf = (user: CurrentUser) => ({ user, ip: null, db: db() });
  /** Listing needs no particular admin: the router admits admins only. */
  const lister: CurrentUser = { id: "00000000-0000-4000-8000-0000000000ad", email: "lister@example.com", name: "Lister", role: "admin" };

  let seededHash: string;
  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    seededHash = await hashPassword("seeded password");
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (!skip) await database.db.$executeRaw`TRUNCATE users, audit_events CASCADE`;
  });

  /** A user put straight into the database, so that the audit log starts empty. */
  async function seed(email: string, role: Role = "viewer", extra: { disabled?: boolean; name?: string } = {}) {
    return db().user.create({
      data: { email, name: extra.name ?? email.split("@")[0]!, role, disabled: extra.disabled ?? false, passwordHash: seededHash },
      select: { id: true, email: true, name: true, role: true, sessionVersion: true },
    });
  }

  const audit = () => db().auditEvent.findMany({ orderBy: { id: "asc" } });
  const roleOf = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id } })).role;

  describe.skipIf(skip)("creating users", () => {
    it("creates a user who can then sign in, and audits it", async () => {
      const admin = await seed("admin@example.com", "admin");
      const created = await createUser({ ctx: ctxOf(admin), input: { email: " New.Person@Example.com ", name: "  New Person ", role: "editor", password: "a good password" } });

      expect(created).toEqual({
        id: expect.any(String),
        email: "new.person@example.com",
        name: "New Person",
        role: "editor",
        disabled: false,
        lastSignInAt: null,
        createdAt: expect.any(Date),
      });
      expect(await signIn({ email: "new.person@example.com", password: "a good password" }, db())).toMatchObject({ status: "ok", user: { id: created.id } });
      expect((await audit()).filter((e) => e.action === "user.created")).toEqual([
        expect.objectContaining({
          actorId: admin.id,
          actorEmail: "admin@example.com",
          subject: "new.person@example.com",
          outcome: "success",
          details: { userId: created.id, role: "editor" },
        }),
      ]);
    });

    it("refuses an e-mail already in use, whatever its case, with a message for the e-mail field", async () => {
      const admin = await seed("admin@example.com", "admin");
      await seed("taken@example.com");

      const err = await domainErrorOf(createUser({ ctx: ctxOf(admin), input: { email: "TAKEN@example.com", name: "Someone", role: "viewer", password: "a good password" } }));

      expect(err.code).toBe("CONFLICT");
      expect(err.message).toBe("A user with the e-mail taken@example.com already exists.");
      expect(err.fieldErrors).toEqual({ email: ["This e-mail is already in use."] });
      expect(await db().user.count()).toBe(2);
      expect(await audit()).toEqual([]);
    });

    it.skipIf(kind !== "postgres")("answers CONFLICT, not an internal error, when another request takes the e-mail at the same moment", async () => {
      const admin = await seed("admin@example.com", "admin");
      // Another request inserts the same e-mail and has not committed yet: our check cannot see
      // it, our insert waits for it, then hits the unique index.
      const other = new pg.Client({ connectionString: database.url });
      const watcher = new pg.Client({ connectionString: database.url });
      await other.connect();
      await watcher.connect();
      try {
        await other.query("BEGIN");
        await other.query(`INSERT INTO users (email, name, password_hash, updated_at) VALUES ('race@example.com', 'Other', 'x', now())`);
        const pending = createUser({ ctx: ctxOf(admin), input: { email: "race@example.com", name: "Ours", role: "viewer", password: "a good password" } }).then(
          () => null,
          (e: unknown) => e,
        );
        await waitUntilABackendWaitsForALock(watcher);
        await other.query("COMMIT");

        const err = await pending;
        expect(err).toBeInstanceOf(DomainError);
        expect(err).toMatchObject({ code: "CONFLICT", fieldErrors: { email: ["This e-mail is already in use."] } });
      } finally {
        await other.end();
        await watcher.end();
      }
      expect(await db().user.findMany({ where: { email: "race@example.com" }, select: { name: true } })).toEqual([{ name: "Other" }]);
    });
  });

  describe.skipIf(skip)("listing users", () => {
    beforeEach(async () => {
      await seed("alice@example.com", "admin", { name: "Alice Admin" });
      await seed("bob@example.com", "editor", { name: "Bob Builder" });
      await seed("carol@example.com", "viewer", { name: "Carol" });
      await seed("dave@example.com", "viewer", { name: "Dave, Bob's brother" });
      await seed("erin@example.com", "viewer", { name: "Erin" });
    });

    it("lists everyone in e-mail order, without password hashes", async () => {
      const { users, total } = await listUsers({ ctx: ctxOf(lister), input: { page: 1, pageSize: 25 } });
      expect(total).toBe(5);
      expect(users.map((u) => u.email)).toEqual(["alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com", "erin@example.com"]);
      expect(Object.keys(users[0]!).sort()).toEqual(["createdAt", "disabled", "email", "id", "lastSignInAt", "lockedUntil", "name", "role"]);
    });

    it("searches e-mail and name, ignoring case and surrounding spaces", async () => {
      const { users, total } = await listUsers({ ctx: ctxOf(lister), input: { search: "  BOB ", page: 1, pageSize: 25 } });
      expect(users.map((u) => u.email)).toEqual(["bob@example.com", "dave@example.com"]);
      expect(total).toBe(2);
      expect((await listUsers({ ctx: ctxOf(lister), input: { search: "EXAMPLE.COM", page: 1, pageSize: 25 } })).total).toBe(5);
      expect(await listUsers({ ctx: ctxOf(lister), input: { search: "nobody", page: 1, pageSize: 25 } })).toEqual({ users: [], total: 0 });
      // LIKE wildcards typed by a user are literal characters, not "match anything".
      expect((await listUsers({ ctx: ctxOf(lister), input: { search: "%", page: 1, pageSize: 25 } })).total).toBe(0);
      expect((await listUsers({ ctx: ctxOf(lister), input: { search: "_", page: 1, pageSize: 25 } })).total).toBe(0);
    });

    it("filters by role, combined with search", async () => {
      expect((await listUsers({ ctx: ctxOf(lister), input: { role: "viewer", page: 1, pageSize: 25 } })).users.map((u) => u.email)).toEqual([
        "carol@example.com",
        "dave@example.com",
        "erin@example.com",
      ]);
      expect((await listUsers({ ctx: ctxOf(lister), input: { role: "viewer", search: "bob", page: 1, pageSize: 25 } })).users.map((u) => u.email)).toEqual(["dave@example.com"]);
      expect((await listUsers({ ctx: ctxOf(lister), input: { role: "admin", page: 1, pageSize: 25 } })).total).toBe(1);
    });

    it("pages through the list, with the total of all pages", async () => {
      const page2 = await listUsers({ ctx: ctxOf(lister), input: { page: 2, pageSize: 2 } });
      expect(page2.users.map((u) => u.email)).toEqual(["carol@example.com", "dave@example.com"]);
      expect(page2.total).toBe(5);
      expect((await listUsers({ ctx: ctxOf(lister), input: { page: 3, pageSize: 2 } })).users.map((u) => u.email)).toEqual(["erin@example.com"]);
      expect(await listUsers({ ctx: ctxOf(lister), input: { page: 4, pageSize: 2 } })).toEqual({ users: [], total: 5 });
    });
  });

  describe.skipIf(skip)("changing roles", () => {
    it("changes a role and audits from and to", async () => {
      const admin = await seed("admin@example.com", "admin");
      const user = await seed("user@example.com", "viewer");

      const updated = await changeRole({ ctx: ctxOf(admin), input: { userId: user.id, role: "editor" } });

      expect(updated).toMatchObject({ id: user.id, role: "editor" });
      expect(await roleOf(user.id)).toBe("editor");
      expect(await audit()).toEqual([
        expect.objectContaining({
          actorId: admin.id,
          action: "user.role_changed",
          subject: "user@example.com",
          outcome: "success",
          details: { userId: user.id, from: "viewer", to: "editor" },
        }),
      ]);
    });

    it("reports a user that does not exist", async () => {
      const admin = await seed("admin@example.com", "admin");
      const err = await domainErrorOf(changeRole({ ctx: ctxOf(admin), input: { userId: "00000000-0000-4000-8000-000000000000", role: "editor" } }));
      expect(err.code).toBe("NOT_FOUND");
      expect(await audit()).toEqual([]);
    });

    it("never demotes the last active admin, and says why", async () => {
      const admin = await seed("admin@example.com", "admin");
      const err = await domainErrorOf(changeRole({ ctx: ctxOf(admin), input: { userId: admin.id, role: "viewer" } }));

      expect(err.code).toBe("CONFLICT");
      expect(err.message).toBe("You cannot demote the last active admin. Make another user an admin first.");
      expect(await roleOf(admin.id)).toBe("admin");
      expect(await audit()).toEqual([]);
    });

    it("does not count a disabled admin as another admin", async () => {
      const admin = await seed("admin@example.com", "admin");
      const dormant = await seed("dormant@example.com", "admin", { disabled: true });

      expect((await domainErrorOf(changeRole({ ctx: ctxOf(admin), input: { userId: admin.id, role: "editor" } }))).code).toBe("CONFLICT");
      // The disabled admin itself may be demoted: it is not active.
      await changeRole({ ctx: ctxOf(admin), input: { userId: dormant.id, role: "viewer" } });
      expect(await roleOf(dormant.id)).toBe("viewer");
    });

    it("lets an admin step down when another active admin remains", async () => {
      const a = await seed("a@example.com", "admin");
      await seed("b@example.com", "admin");
      await changeRole({ ctx: ctxOf(a), input: { userId: a.id, role: "editor" } });
      expect(await roleOf(a.id)).toBe("editor");
    });

    it("two admins demoting each other at the same moment: exactly one succeeds", async () => {
      const a = await seed("a@example.com", "admin");
      const b = await seed("b@example.com", "admin");
      for (let round = 0; round < 5; round++) {
        await db().user.updateMany({ data: { role: "admin" } });
        const results = await Promise.allSettled([
          changeRole({ ctx: ctxOf(a), input: { userId: b.id, role: "viewer" } }),
          changeRole({ ctx: ctxOf(b), input: { userId: a.id, role: "viewer" } }),
        ]);

        expect(
          results.filter((r) => r.status === "fulfilled"),
          `round ${round}`,
        ).toHaveLength(1);
        const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
        expect(failed.reason).toBeInstanceOf(DomainError);
        expect((failed.reason as DomainError).code).toBe("CONFLICT");
        expect(await db().user.count({ where: { role: "admin", disabled: false } })).toBe(1);
      }
    });

    it("two admins disabling each other at the same moment: exactly one succeeds", async () => {
      const a = await seed("a@example.com", "admin");
      const b = await seed("b@example.com", "admin");
      for (let round = 0; round < 5; round++) {
        await db().user.updateMany({ data: { disabled: false } });
        const results = await Promise.allSettled([
          setDisabled({ ctx: ctxOf(a), input: { userId: b.id, disabled: true } }),
          setDisabled({ ctx: ctxOf(b), input: { userId: a.id, disabled: true } }),
        ]);
        expect(
          results.filter((r) => r.status === "fulfilled"),
          `round ${round}`,
        ).toHaveLength(1);
        expect(await db().user.count({ where: { role: "admin", disabled: false } })).toBe(1);
      }
    });
  });

  describe.skipIf(skip)("disabling users", () => {
    it("disables a user, ends their sessions, and audits it; enabling is audited too", async () => {
      const admin = await seed("admin@example.com", "admin");
      const user = await seed("user@example.com", "editor");

      const disabled = await setDisabled({ ctx: ctxOf(admin), input: { userId: user.id, disabled: true } });
      expect(disabled).toMatchObject({ id: user.id, disabled: true });
      expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(user.sessionVersion + 1);
      expect(await signIn({ email: "user@example.com", password: "seeded password" }, db())).toEqual({ status: "invalid" });

      await setDisabled({ ctx: ctxOf(admin), input: { userId: user.id, disabled: false } });
      expect((await signIn({ email: "user@example.com", password: "seeded password" }, db())).status).toBe("ok");
      expect((await audit()).filter((e) => e.action.startsWith("user.")).map((e) => [e.action, e.subject, e.actorId])).toEqual([
        ["user.disabled", "user@example.com", admin.id],
        ["user.enabled", "user@example.com", admin.id],
      ]);
    });

    it("an admin cannot disable their own account, even with other admins around", async () => {
      const admin = await seed("admin@example.com", "admin");
      await seed("other@example.com", "admin");
      const err = await domainErrorOf(setDisabled({ ctx: ctxOf(admin), input: { userId: admin.id, disabled: true } }));
      expect(err.code).toBe("CONFLICT");
      expect(err.message).toBe("You cannot disable your own account.");
      expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).disabled).toBe(false);
    });

    it("never disables the last active admin, and says why", async () => {
      const admin = await seed("admin@example.com", "admin");
      const editor = await seed("editor@example.com", "editor");
      const err = await domainErrorOf(setDisabled({ ctx: ctxOf(editor), input: { userId: admin.id, disabled: true } }));
      expect(err.code).toBe("CONFLICT");
      expect(err.message).toBe("You cannot disable the last active admin. Make another user an admin first.");
      expect(await audit()).toEqual([]);
    });
  });

  describe.skipIf(skip)("resetting passwords", () => {
    it("sets a new password that signs in, retires the old one and older sessions, and audits it", async () => {
      const admin = await seed("admin@example.com", "admin");
      const user = await seed("user@example.com");

      await resetPassword({ ctx: ctxOf(admin), input: { userId: user.id, password: "the new password" } });

      expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(user.sessionVersion + 1);
      expect(await signIn({ email: "user@example.com", password: "seeded password" }, db())).toEqual({ status: "invalid" });
      expect(await signIn({ email: "user@example.com", password: "the new password" }, db())).toMatchObject({
        status: "ok",
        user: { id: user.id, sessionVersion: user.sessionVersion + 1 },
      });
      expect((await audit()).find((e) => e.action === "user.password_reset")).toMatchObject({
        actorId: admin.id,
        subject: "user@example.com",
        details: { userId: user.id },
      });
    });
  });

  describe.skipIf(skip)("every change and its audit row commit together", () => {
    /** Makes the audit log refuse one action, as a failing audit write would. */
    async function withAuditRefusing<T>(action: string, run: () => Promise<T>): Promise<T> {
      await db().$executeRawUnsafe(`ALTER TABLE audit_events ADD CONSTRAINT refuse_for_test CHECK (action <> '${action}')`);
      try {
        return await run();
      } finally {
        await db().$executeRawUnsafe(`ALTER TABLE audit_events DROP CONSTRAINT refuse_for_test`);
      }
    }

    it("no role change without its audit row", async () => {
      const admin = await seed("admin@example.com", "admin");
      const user = await seed("user@example.com", "viewer");
      await expect(withAuditRefusing("user.role_changed", () => changeRole({ ctx: ctxOf(admin), input: { userId: user.id, role: "admin" } }))).rejects.toThrow();
      expect(await roleOf(user.id)).toBe("viewer");
    });

    it("no new user without its audit row", async () => {
      const admin = await seed("admin@example.com", "admin");
      await expect(
        withAuditRefusing("user.created", () => createUser({ ctx: ctxOf(admin), input: { email: "x@example.com", name: "X", role: "viewer", password: "a good password" } })),
      ).rejects.toThrow();
      expect(await db().user.count({ where: { email: "x@example.com" } })).toBe(0);
    });

    it("no disabling and no password reset without their audit rows", async () => {
      const admin = await seed("admin@example.com", "admin");
      const user = await seed("user@example.com", "viewer");
      await expect(withAuditRefusing("user.disabled", () => setDisabled({ ctx: ctxOf(admin), input: { userId: user.id, disabled: true } }))).rejects.toThrow();
      await expect(
        withAuditRefusing("user.password_reset", () => resetPassword({ ctx: ctxOf(admin), input: { userId: user.id, password: "another password" } })),
      ).rejects.toThrow();

      const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row).toMatchObject({ disabled: false, sessionVersion: user.sessionVersion });
      expect((await signIn({ email: "user@example.com", password: "seeded password" }, db())).status).toBe("ok");
    });

    it("a refused change writes no audit row", async () => {
      const admin = await seed("admin@example.com", "admin");
      await domainErrorOf(changeRole({ ctx: ctxOf(admin), input: { userId: admin.id, role: "viewer" } }));
      await domainErrorOf(setDisabled({ ctx: ctxOf(admin), input: { userId: admin.id, disabled: true } }));
      await domainErrorOf(resetPassword({ ctx: ctxOf(admin), input: { userId: "00000000-0000-4000-8000-000000000000", password: "another password" } }));
      expect(await audit()).toEqual([]);
    });
  });

  describe.skipIf(skip)("unlocking a locked-out account", () => {
    async function lockOut(email: string): Promise<void> {
      for (let i = 0; i < MAX_FAILURES; i++) expect(await signIn({ email, password: `wrong guess ${i}` }, db())).toEqual({ status: "invalid" });
      expect((await signIn({ email, password: "seeded password" }, db())).status).toBe("locked");
    }

    it("shows the lock in the list, lifts it at once, and audits user.unlocked", async () => {
      const admin = await seed("admin@example.com", "admin");
      const user = await seed("locked@example.com");
      await seed("fine@example.com");
      await lockOut(user.email);

      const before = await listUsers({ ctx: ctxOf(lister), input: { page: 1, pageSize: 25 } });
      expect(before.users.map((u) => [u.email, u.lockedUntil instanceof Date])).toEqual([
        ["admin@example.com", false],
        ["fine@example.com", false],
        ["locked@example.com", true],
      ]);

      expect(await unlockUser({ ctx: ctxOf(admin), input: { userId: user.id } })).toMatchObject({ id: user.id, lockedUntil: null });
      expect((await listUsers({ ctx: ctxOf(lister), input: { page: 1, pageSize: 25 } })).users.find((u) => u.id === user.id)?.lockedUntil).toBeNull();
      expect(await signIn({ email: user.email, password: "seeded password" }, db())).toMatchObject({ status: "ok", user: { id: user.id } });
      expect((await audit()).find((e) => e.action === "user.unlocked")).toMatchObject({
        actorId: admin.id,
        subject: user.email,
        outcome: "success",
        details: { userId: user.id, lockedUntil: expect.any(String) },
      });
    });

    it("after an unlock, the count starts afresh: it takes another full set of failures to lock again", async () => {
      const admin = await seed("admin@example.com", "admin");
      const user = await seed("again@example.com");
      await lockOut(user.email);
      await unlockUser({ ctx: ctxOf(admin), input: { userId: user.id } });
      for (let i = 0; i < MAX_FAILURES - 1; i++) await signIn({ email: user.email, password: "wrong" }, db());
      expect((await signIn({ email: user.email, password: "seeded password" }, db())).status).toBe("ok");
    });

    it.each([
      ["an account that is not locked", "not-locked"],
      ["a user that does not exist", "missing"],
    ] as const)("refuses to unlock %s, and writes nothing", async (_, which) => {
      const admin = await seed("admin@example.com", "admin");
      const user = await seed("open@example.com");
      const userId = which === "missing" ? "00000000-0000-4000-8000-000000000000" : user.id;
      const err = await domainErrorOf(unlockUser({ ctx: ctxOf(admin), input: { userId } }));
      expect(err.code).toBe(which === "missing" ? "NOT_FOUND" : "CONFLICT");
      expect(err.message).toMatch(which === "missing" ? /does not exist/ : /open@example\.com is not locked out/);
      expect(await audit()).toEqual([]);
    });
  });
});

/** Resolves once some session of this database waits for a lock (another transaction's row). */
async function waitUntilABackendWaitsForALock(watcher: pg.Client): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await watcher.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("no session started waiting for the lock");
}
