// Sign-in under attack, against a real embedded database (one connection, as in the portal):
// throttling per client address, inputs refused before hashing, hashing that holds no
// connection, and sessions that end on the server when their owner signs out.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { hashPassword } from "./password";
import { MAX_ADDRESS_FAILURES, addressLockedUntil } from "./lockout";
import { signIn } from "./sign-in";
import { loadSessionUser } from "./current-user";
import { newSessionId, revokeSession } from "./sessions";

let database: TestDatabase;
let passwordHash: string;

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  passwordHash = await hashPassword("right password");
});
afterAll(() => database?.close());
beforeEach(async () => {
  await database.db.$executeRaw`TRUNCATE users, audit_events, revoked_sessions CASCADE`;
});

const addUser = (email: string) => database.db.user.create({ data: { email, name: email.split("@")[0]!, role: "viewer", passwordHash } });
const signInRows = () => database.db.auditEvent.findMany({ where: { action: "auth.sign_in" }, orderBy: { id: "asc" } });

describe("throttling per client address", () => {
  it(`after ${MAX_ADDRESS_FAILURES} failures from one address across many e-mails, that address is refused for every account, even with the right password`, async () => {
    const victim = await addUser("victim@example.com");
    // Password spraying: one guess at each of many accounts, so no account reaches its own limit.
    const sprayed = await Promise.all(
      Array.from({ length: MAX_ADDRESS_FAILURES }, (_, i) => signIn({ email: `user${i}@example.com`, password: "Summer2026!", ip: "198.51.100.66" }, database.db)),
    );
    expect(sprayed.every((r) => r.status === "invalid")).toBe(true);

    const refused = await signIn({ email: victim.email, password: "right password", ip: "198.51.100.66" }, database.db);
    expect(refused).toMatchObject({ status: "locked", scope: "address" });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: victim.id } })).lastSignInAt).toBeNull();
    expect((await signInRows()).at(-1)).toMatchObject({ subject: victim.email, outcome: "denied", ip: "198.51.100.66", details: { reason: "address_locked" } });

    // Another address is not affected, and neither is the victim's account.
    expect(await signIn({ email: victim.email, password: "right password", ip: "203.0.113.5" }, database.db)).toMatchObject({ status: "ok" });
  });

  it("a burst from one address cannot record more failures than the limit: the rest are refused", async () => {
    const total = MAX_ADDRESS_FAILURES + 10;
    const results = await Promise.all(Array.from({ length: total }, (_, i) => signIn({ email: `burst${i}@example.com`, password: "guess", ip: "2001:db8::66" }, database.db)));
    expect(results.filter((r) => r.status === "invalid")).toHaveLength(MAX_ADDRESS_FAILURES);
    expect(results.filter((r) => r.status === "locked")).toHaveLength(10);
    expect(await database.db.auditEvent.count({ where: { outcome: "failure", ip: "2001:db8::66" } })).toBe(MAX_ADDRESS_FAILURES);
  });

  it("successful sign-ins from the address do not wipe its count (one valid account cannot reset it)", async () => {
    const own = await addUser("attacker@example.com");
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => signIn({ email: `round${round}-${i}@example.com`, password: "guess", ip: "198.51.100.77" }, database.db)));
      if (round < 2) expect((await signIn({ email: own.email, password: "right password", ip: "198.51.100.77" }, database.db)).status).toBe("ok");
    }
    expect(await addressLockedUntil(database.db, "198.51.100.77")).toBeInstanceOf(Date);
    expect(await signIn({ email: own.email, password: "right password", ip: "198.51.100.77" }, database.db)).toMatchObject({ status: "locked", scope: "address" });
  });
});

describe("hostile inputs are refused before any hashing, audited, and answered like a wrong password", () => {
  const longPassword = "right password" + "x".repeat(1024);
  it.each([
    ["a password over 1024 bytes (even one starting with the right password)", "victim@example.com", longPassword, "too_long"],
    ["a password of 513 two-byte characters (1026 bytes)", "victim@example.com", "é".repeat(513), "too_long"],
    ["a 5 MB password", "victim@example.com", "p".repeat(5_000_000), "too_long"],
    ["an e-mail over 320 bytes", `${"a".repeat(320)}@example.com`, "right password", "too_long"],
    ["an e-mail with a NUL byte", "victim@example.com\u0000admin", "right password", "malformed_email"],
    ["an e-mail with a line break (forged audit line)", "victim@example.com\nadmin@example.com", "right password", "malformed_email"],
    ["an e-mail with a DEL character", "vic\u007ftim@example.com", "right password", "malformed_email"],
  ])("%s", async (_, email, password, reason) => {
    const victim = await addUser("victim@example.com");
    expect(await signIn({ email, password, ip: "203.0.113.9" }, database.db)).toEqual({ status: "invalid" });

    const rows = await signInRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "failure", ip: "203.0.113.9", details: { reason } });
    expect(rows[0]!.subject!.length).toBeLessThanOrEqual(320);
    expect(rows[0]!.subject).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect((await database.db.user.findUniqueOrThrow({ where: { id: victim.id } })).lastSignInAt).toBeNull();
  });

  it.each([
    ["a NUL byte", "right password\u0000"],
    ["a NUL byte first", "\u0000right password"],
    ["only NUL bytes", "\u0000".repeat(64)],
  ])("a password with %s is simply wrong (no error, nothing stored)", async (_, password) => {
    await addUser("victim@example.com");
    expect(await signIn({ email: "victim@example.com", password }, database.db)).toEqual({ status: "invalid" });
    expect((await signInRows()).map((r) => r.details)).toEqual([{ reason: "wrong_password" }]);
  });
});

describe("hashing holds no database connection", () => {
  it("another query completes while many sign-ins are still hashing", async () => {
    await addUser("busy@example.com");
    const total = 24;
    let finished = 0;
    // Distinct e-mails, so no lock-out cuts the hashing short.
    const attempts = Array.from({ length: total }, (_, i) =>
      signIn({ email: i === 0 ? "busy@example.com" : `busy${i}@example.com`, password: `guess ${i}` }, database.db).then((result) => {
        finished += 1;
        return result;
      }),
    );
    // Once one attempt has been decided, the others are hashing (a few at a time, on libuv's
    // threads). The database has one connection: were the hashing inside the sign-ins'
    // transactions, this query would wait behind every one of them.
    await Promise.race(attempts);
    const finishedWhenAnswered = await database.db.user.count().then(() => finished);

    expect(finishedWhenAnswered).toBeLessThan(total);
    expect((await Promise.all(attempts)).every((r) => r.status === "invalid")).toBe(true);
    expect(await database.db.auditEvent.count({ where: { outcome: "failure" } })).toBe(total);
  });
});

describe("sessions end on the server when their owner signs out", () => {
  it("a revoked session is nobody, while the same user's other sessions keep working", async () => {
    const user = await addUser("sessions@example.com");
    const [signedOut, other] = [newSessionId(), newSessionId()];
    const session = (sessionId: string) => ({ userId: user.id, sessionVersion: user.sessionVersion, sessionId });
    expect(await loadSessionUser(session(signedOut), database.db)).toMatchObject({ id: user.id });

    await revokeSession(database.db, { sessionId: signedOut, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) });
    await revokeSession(database.db, { sessionId: signedOut, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) }); // twice: no error

    expect(await loadSessionUser(session(signedOut), database.db)).toBeNull();
    expect(await loadSessionUser(session(other), database.db)).toMatchObject({ id: user.id });
    expect(await database.db.revokedSession.count()).toBe(1);
  });

  it.each([
    ["no session id (a cookie from before session ids)", ""],
    ["a session id that is not a UUID", "not-a-session"],
    ["SQL in the session id", "'; DELETE FROM revoked_sessions; --"],
    ["a NUL byte in the session id", "00000000-0000-4000-8000-00000000000\u0000"],
  ])("refuses a session with %s", async (_, sessionId) => {
    const user = await addUser("forged@example.com");
    expect(await loadSessionUser({ userId: user.id, sessionVersion: user.sessionVersion, sessionId }, database.db)).toBeNull();
  });

  it("purges revocations of sessions that have expired anyway when recording a new one", async () => {
    const user = await addUser("purge@example.com");
    const expired = newSessionId();
    await database.db.revokedSession.create({ data: { sessionId: expired, userId: user.id, expiresAt: new Date(Date.now() - 1000) } });
    const fresh = newSessionId();
    await revokeSession(database.db, { sessionId: fresh, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await database.db.revokedSession.findMany()).map((r) => r.sessionId)).toEqual([fresh]);
  });

  it("ignores a revocation request with ids that are not UUIDs (nothing is written)", async () => {
    await revokeSession(database.db, { sessionId: "x'; DROP TABLE users; --", userId: "also-not-a-uuid", expiresAt: new Date(Date.now() + 1000) });
    expect(await database.db.revokedSession.count()).toBe(0);
  });
});
