// Signing in with e-mail and password, and the lock-out after repeated failures, against a real
// (embedded) database: the lock-out state lives in the audit log, shared by all replicas.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { resetPassword, setDisabled } from "../users/users";
import { hashPassword } from "./password";
import { lockedUntil, MAX_FAILURES, WINDOW_MS } from "./lockout";
import { normalizeEmail, signIn } from "./sign-in";
import { lockMessage, signInErrorMessage, WRONG_CREDENTIALS_MESSAGE } from "../../lib/auth/sign-in-errors";
import type { Role } from "../../lib/auth/roles";
import type { CurrentUser } from "./current-user";

let database: TestDatabase;
let admin: CurrentUser;

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  admin = { ...(await addUser("admin@example.com", "admin password", "admin")), name: "admin", role: "admin" };
});
afterAll(() => database?.close());

async function addUser(email: string, password: string, role: Role = "viewer", disabled = false) {
  const user = await database.db.user.create({
    data: { email, name: email.split("@")[0]!, role, disabled, passwordHash: await hashPassword(password) },
  });
  return { id: user.id, email: user.email, sessionVersion: user.sessionVersion };
}

const auditFor = (subject: string) => database.db.auditEvent.findMany({ where: { subject, action: "auth.sign_in" }, orderBy: { id: "asc" } });

async function failTimes(email: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) expect(await signIn({ email, password: `wrong password ${i}` }, database.db)).toEqual({ status: "invalid" });
}

describe("signIn", () => {
  it("signs a user in with the right password and returns who they are", async () => {
    const user = await addUser("ada@example.com", "analytical engine");
    const result = await signIn({ email: "ada@example.com", password: "analytical engine", ip: "203.0.113.7" }, database.db);

    expect(result).toEqual({ status: "ok", user: { id: user.id, email: "ada@example.com", name: "ada", role: "viewer", sessionVersion: 0 } });
    const row = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
    // Never hand the password hash to the caller.
    expect(JSON.stringify(result)).not.toContain("argon2");
  });

  it("answers a wrong password and an unknown e-mail identically", async () => {
    await addUser("grace@example.com", "compiler pioneer");
    const wrongPassword = await signIn({ email: "grace@example.com", password: "not her password" }, database.db);
    const unknownEmail = await signIn({ email: "nobody@example.com", password: "compiler pioneer" }, database.db);

    expect(wrongPassword).toEqual({ status: "invalid" });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it("refuses a disabled user even with the right password", async () => {
    await addUser("gone@example.com", "still correct", "editor", true);
    expect(await signIn({ email: "gone@example.com", password: "still correct" }, database.db)).toEqual({ status: "invalid" });
  });

  it("ignores the case and surrounding whitespace of the e-mail", async () => {
    const user = await addUser("mixed@example.com", "case insensitive");
    const result = await signIn({ email: "  MiXeD@Example.COM \t", password: "case insensitive" }, database.db);
    expect(result).toMatchObject({ status: "ok", user: { id: user.id, email: "mixed@example.com" } });
    expect(normalizeEmail("  MiXeD@Example.COM \t")).toBe("mixed@example.com");
  });

  it("does not trim or fold the password", async () => {
    await addUser("exact@example.com", "Exact Password");
    expect(await signIn({ email: "exact@example.com", password: "exact password" }, database.db)).toEqual({ status: "invalid" });
    expect(await signIn({ email: "exact@example.com", password: " Exact Password " }, database.db)).toEqual({ status: "invalid" });
    expect((await signIn({ email: "exact@example.com", password: "Exact Password" }, database.db)).status).toBe("ok");
  });

  it("audits success, failure and denial with the e-mail as subject, without revealing the reason to the user", async () => {
    const user = await addUser("audited@example.com", "audited password");
    await signIn({ email: "Audited@Example.com", password: "audited password", ip: "198.51.100.1" }, database.db);
    await signIn({ email: "audited@example.com", password: "wrong", ip: "198.51.100.2" }, database.db);
    await signIn({ email: "never-registered@example.com", password: "whatever" }, database.db);

    expect(await auditFor("audited@example.com")).toEqual([
      expect.objectContaining({ actorId: user.id, actorEmail: "audited@example.com", outcome: "success", ip: "198.51.100.1" }),
      expect.objectContaining({ actorId: null, outcome: "failure", ip: "198.51.100.2", details: { reason: "wrong_password" } }),
    ]);
    expect(await auditFor("never-registered@example.com")).toEqual([expect.objectContaining({ outcome: "failure", details: { reason: "unknown_email" } })]);

    await failTimes("denied@example.com", MAX_FAILURES);
    const denied = await signIn({ email: "denied@example.com", password: "x" }, database.db);
    expect(denied.status).toBe("locked");
    const rows = await auditFor("denied@example.com");
    expect(rows.map((r) => r.outcome)).toEqual([...Array<string>(MAX_FAILURES).fill("failure"), "denied"]);
    expect(rows.at(-1)!.details).toEqual({ reason: "locked", until: (denied as { until: Date }).until.toISOString() });
  });
});

describe("lock-out", () => {
  it("cannot be bypassed by many guesses at once: only the first failures are checked, the rest are refused", async () => {
    await addUser("burst@example.com", "right password");
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn({ email: "burst@example.com", password: `guess ${i}` }, database.db)));
    expect(results.filter((r) => r.status === "invalid")).toHaveLength(MAX_FAILURES);
    expect(results.filter((r) => r.status === "locked")).toHaveLength(12 - MAX_FAILURES);
    const failures = await database.db.auditEvent.count({ where: { subject: "burst@example.com", outcome: "failure" } });
    expect(failures).toBe(MAX_FAILURES);
  });

  it(`locks an account after ${MAX_FAILURES} failures: the next attempt is refused even with the right password`, async () => {
    await addUser("target@example.com", "right password");
    await failTimes("target@example.com", MAX_FAILURES);

    const result = await signIn({ email: "target@example.com", password: "right password" }, database.db);
    expect(result.status).toBe("locked");
    const failures = await database.db.auditEvent.findMany({
      where: { subject: "target@example.com", outcome: "failure" },
      orderBy: { at: "asc" },
    });
    // Locked until the oldest of the failures is a whole window old.
    expect((result as { until: Date }).until).toEqual(new Date(failures[0]!.at.getTime() + WINDOW_MS));
  });

  it(`stays open after ${MAX_FAILURES - 1} failures`, async () => {
    await addUser("careful@example.com", "right password");
    await failTimes("careful@example.com", MAX_FAILURES - 1);
    expect((await signIn({ email: "careful@example.com", password: "right password" }, database.db)).status).toBe("ok");
  });

  it("counts failures whatever the case of the e-mail typed", async () => {
    await addUser("casey@example.com", "right password");
    for (const email of ["casey@example.com", "CASEY@example.com", " Casey@Example.com", "casey@EXAMPLE.COM", "cAsEy@example.com"]) {
      await signIn({ email, password: "wrong" }, database.db);
    }
    expect((await signIn({ email: "casey@example.com", password: "right password" }, database.db)).status).toBe("locked");
  });

  it("locks unknown e-mails too, so a lock-out reveals nothing about which accounts exist", async () => {
    await failTimes("phantom@example.com", MAX_FAILURES);
    expect((await signIn({ email: "phantom@example.com", password: "anything" }, database.db)).status).toBe("locked");
  });

  it("lifts itself when the oldest failure is a whole window old", async () => {
    await addUser("patient@example.com", "right password");
    await failTimes("patient@example.com", MAX_FAILURES);
    const failures = await database.db.auditEvent.findMany({ where: { subject: "patient@example.com", outcome: "failure" }, orderBy: { at: "asc" } });
    const until = new Date(failures[0]!.at.getTime() + WINDOW_MS);
    const lastFailure = failures.at(-1)!.at;

    expect(await lockedUntil(database.db, "patient@example.com", lastFailure)).toEqual(until);
    expect(await lockedUntil(database.db, "patient@example.com", new Date(until.getTime() - 1))).toEqual(until);
    expect(await lockedUntil(database.db, "patient@example.com", until)).toBeNull();
    expect(await lockedUntil(database.db, "patient@example.com", new Date(lastFailure.getTime() + WINDOW_MS + 60_000))).toBeNull();
  });

  it("a successful sign-in starts the count afresh", async () => {
    await addUser("sloppy@example.com", "right password");
    await failTimes("sloppy@example.com", MAX_FAILURES - 1);
    expect((await signIn({ email: "sloppy@example.com", password: "right password" }, database.db)).status).toBe("ok");
    await failTimes("sloppy@example.com", MAX_FAILURES - 1);
    expect((await signIn({ email: "sloppy@example.com", password: "right password" }, database.db)).status).toBe("ok");
  });

  it("an admin's password reset lifts the lock, and only the new password works", async () => {
    const user = await addUser("forgetful@example.com", "old password");
    await failTimes("forgetful@example.com", MAX_FAILURES);
    expect((await signIn({ email: "forgetful@example.com", password: "old password" }, database.db)).status).toBe("locked");

    await resetPassword({ ctx: { user: admin, ip: null, db: database.db }, input: { userId: user.id, password: "brand new password" } });

    expect(await lockedUntil(database.db, "forgetful@example.com")).toBeNull();
    expect(await signIn({ email: "forgetful@example.com", password: "old password" }, database.db)).toEqual({ status: "invalid" });
    expect(await signIn({ email: "forgetful@example.com", password: "brand new password" }, database.db)).toMatchObject({
      status: "ok",
      user: { id: user.id, sessionVersion: user.sessionVersion + 1 },
    });
  });

  it("re-enabling a disabled account lifts the lock", async () => {
    const user = await addUser("paused@example.com", "right password");
    await failTimes("paused@example.com", MAX_FAILURES);
    await setDisabled({ ctx: { user: admin, ip: null, db: database.db }, input: { userId: user.id, disabled: true } });
    await setDisabled({ ctx: { user: admin, ip: null, db: database.db }, input: { userId: user.id, disabled: false } });
    expect((await signIn({ email: "paused@example.com", password: "right password" }, database.db)).status).toBe("ok");
  });
});

describe("sign-in messages (what the sign-in page shows)", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  it("tells a locked-out user how long to wait, rounded up to whole minutes", () => {
    expect(lockMessage({ scope: "account", until: new Date("2026-01-01T12:14:01Z") }, now)).toContain("locked for 15 more minutes");
    expect(lockMessage({ scope: "account", until: new Date("2026-01-01T12:00:30Z") }, now)).toContain("locked for 1 more minute;");
    expect(lockMessage({ scope: "account", until: new Date("2026-01-01T11:59:00Z") }, now)).toContain("locked for 1 more minute;");
    expect(lockMessage({ scope: "address", until: new Date("2026-01-01T12:10:00Z") }, now)).toContain(
      "from your network address. Signing in from it is paused for 10 more minutes",
    );
  });
  it("shows one message for wrong e-mail and wrong password, and none without an error", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe(WRONG_CREDENTIALS_MESSAGE);
    expect(signInErrorMessage(null)).toBeNull();
    expect(signInErrorMessage("Configuration")).toBe("Sign-in failed. Please try again.");
  });
  it.each([
    ["a lock-out with a time of the attacker's choosing (the old format)", "locked:2099-01-01T00:00:00.000Z"],
    ["a lock-out code without an e-mail to check it against", "locked"],
    ["an address lock-out code", "address_locked"],
    ["text of the attacker's choosing", "Your account was compromised, call +1 555 0100"],
    ["something that merely mentions the database", "database"],
    ["markup", "<img src=x onerror=alert(1)>"],
    ["a NUL byte", "CredentialsSignin\u0000"],
  ])("shows nothing for a crafted code: %s", (_, code) => {
    expect(signInErrorMessage(code)).toBeNull();
  });
});
