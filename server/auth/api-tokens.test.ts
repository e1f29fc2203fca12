// Personal API tokens as their owners, admins and the machines that use them meet them: shown
// once and stored only as a hash, refused with a message naming what is wrong (unknown, revoked,
// expired, disabled owner, missing scope, endpoint without tokens, owner's role too low), every
// refusal, creation and revocation audited without the secret. PGlite and PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import type { RequestContext } from "../handler";
import type { CurrentUser } from "./current-user";
import type { Role } from "../../lib/auth/roles";
import type { Scope } from "../../lib/auth/scopes";
import { createTokenInput } from "./api-tokens-schemas";
import { hashToken } from "./api-tokens-text";
import { LAST_USED_RESOLUTION_MS } from "./api-tokens-bearer";
import { authenticateBearer, authorizeBearer, createToken, listAllTokens, listTokens, MAX_ACTIVE_TOKENS, revokeToken } from "./api-tokens";

await describeOnDatabases("API tokens on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  const db = () => database.db;
  beforeAll(async () => {
    if (!skip) database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (!skip) await database.db.$executeRaw`TRUNCATE users, audit_events CASCADE`;
  });

  const ctxOf = (user: CurrentUser): RequestContext => ({ user, ip: "192.0.2.7", db: db() });
  const user = (email: string, role: Role) => createTestUser(db(), email, role);
  const make = (owner: CurrentUser, scopes: Scope[] = ["sql:run"], expiresInDays = 30, name = "nightly export") =>
    createToken({ ctx: ctxOf(owner), input: createTokenInput.parse({ name, scopes, expiresInDays }) });
  const bearer = (token: string) => `Bearer ${token}`;
  const where = () => ({ db: db(), ip: "198.51.100.4", path: "/api/sql/execute" });
  const audit = (action: string) => db().auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });

  describe.skipIf(skip)("creating", () => {
    it("shows the token once, stores only its SHA-256, and lists it with prefix, scopes and dates", async () => {
      const owner = await user("ed@example.com", "editor");
      const before = Date.now();
      const created = await make(owner, ["sql:run", "read", "sql:run"], 90);

      expect(created.token).toMatch(/^lhp_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$/);
      expect(created.token.slice(4, 12)).toBe(created.prefix);
      expect(created).toMatchObject({ name: "nightly export", scopes: ["sql:run", "read"], status: "active", lastUsedAt: null, revokedAt: null });
      expect(created.expiresAt.getTime() - before).toBeGreaterThanOrEqual(90 * 86_400_000 - 1_000);
      expect(created.expiresAt.getTime() - before).toBeLessThanOrEqual(90 * 86_400_000 + 5_000);

      const [row] = await db().apiToken.findMany();
      expect(row!.tokenHash).toBe(hashToken(created.token));
      expect(JSON.stringify(row)).not.toContain(created.token.slice(13));

      const listed = await listTokens({ ctx: ctxOf(owner), input: undefined });
      expect(listed).toEqual([
        {
          id: created.id,
          name: "nightly export",
          prefix: created.prefix,
          scopes: ["sql:run", "read"],
          createdAt: expect.any(Date),
          lastUsedAt: null,
          expiresAt: created.expiresAt,
          revokedAt: null,
          status: "active",
        },
      ]);
      expect(JSON.stringify(listed)).not.toContain(created.token);

      const [event] = await audit("token.created");
      expect(event).toMatchObject({
        actorId: owner.id,
        subject: "ed@example.com",
        outcome: "success",
        ip: "192.0.2.7",
        details: { tokenId: created.id, prefix: created.prefix, scopes: ["sql:run", "read"] },
      });
      expect(JSON.stringify(event!.details)).not.toContain(created.token.slice(13));
    });

    it("makes a different token every time", async () => {
      const owner = await user("ed@example.com", "editor");
      const tokens = await Promise.all([make(owner), make(owner), make(owner)]);
      expect(new Set(tokens.map((t) => t.token)).size).toBe(3);
      expect(new Set(tokens.map((t) => t.prefix)).size).toBe(3);
    });

    it("refuses a lifetime over PORTAL_TOKEN_MAX_DAYS (365 by default) with a message for the field", async () => {
      const owner = await user("ed@example.com", "editor");
      const err = await domainErrorOf(make(owner, ["read"], 366));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toBe("A token may last at most 365 days.");
      expect(err.fieldErrors).toEqual({ expiresInDays: ["At most 365 days."] });
      expect(await db().apiToken.count()).toBe(0);
    });

    it("refuses a scope the owner's role does not reach (a viewer cannot write lineage)", async () => {
      const viewer = await user("vi@example.com", "viewer");
      const err = await domainErrorOf(make(viewer, ["read", "lineage:write"]));
      expect(err.code).toBe("FORBIDDEN");
      expect(err.message).toBe("The lineage:write scope needs the editor role; you are a viewer.");
      expect(await db().apiToken.count()).toBe(0);
    });

    it("validates name, scopes and lifetime with field messages", () => {
      const parsed = createTokenInput.safeParse({ name: "  ", scopes: [], expiresInDays: 0 });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        ["name", "Give the token a name."],
        ["scopes", "Choose at least one scope."],
        ["expiresInDays", "At least 1 day."],
      ]);
      expect(createTokenInput.safeParse({ name: "x", scopes: ["admin"], expiresInDays: 1 }).error?.issues[0]?.message).toBe(
        "Scopes are read, sql:run, lineage:write, metrics:read, storage:write.",
      );
    });

    it(`stops at ${MAX_ACTIVE_TOKENS} active tokens`, async () => {
      const owner = await user("ed@example.com", "editor");
      const expiresAt = new Date(Date.now() + 86_400_000);
      await db().apiToken.createMany({
        data: Array.from({ length: MAX_ACTIVE_TOKENS }, (_, i) => ({
          userId: owner.id,
          name: `t${i}`,
          prefix: `p${String(i).padStart(7, "0")}`,
          tokenHash: `h${i}`,
          scopes: ["read"],
          expiresAt,
        })),
      });
      const err = await domainErrorOf(make(owner));
      expect(err.code).toBe("CONFLICT");
      expect(err.message).toBe(`You have ${MAX_ACTIVE_TOKENS} active API tokens; revoke one before making another.`);
    });

    it("cannot be done with a token (a leaked token mints no others)", async () => {
      const owner = await user("ed@example.com", "editor");
      const { token } = await make(owner);
      const auth = await authenticateBearer(bearer(token), db());
      expect(auth.ok).toBe(true);
      if (!auth.ok) return;
      const err = await domainErrorOf(createToken({ ctx: ctxOf(auth.user), input: createTokenInput.parse({ name: "more", scopes: ["read"], expiresInDays: 1 }) }));
      expect(err.message).toBe("API tokens cannot manage API tokens; sign in to the portal.");
    });
  });

  describe.skipIf(skip)("using", () => {
    it("acts as the owner with the owner's current role and the token's scopes", async () => {
      const owner = await user("ed@example.com", "editor");
      const { token, id, prefix } = await make(owner, ["sql:run", "read"]);
      const result = await authorizeBearer(bearer(token), { scope: "sql:run", role: "viewer" }, where());
      expect(result).toEqual({ ok: true, user: { id: owner.id, email: owner.email, name: owner.name, role: "editor", token: { id, prefix, scopes: ["sql:run", "read"] } } });
      expect(await audit("token.refused")).toEqual([]);
    });

    it.each([
      ["no Bearer token at all", "Basic abc"],
      ["a malformed token", "Bearer not-a-token"],
      ["a well-formed token nobody made", `Bearer lhp_abcdefgh_${"A".repeat(43)}`],
    ])("answers 401 Unknown API token for %s, audited", async (_label, header) => {
      const result = await authorizeBearer(header, { scope: "sql:run", role: "viewer" }, where());
      expect(result).toMatchObject({ ok: false, status: 401, message: "Unknown API token." });
      const [event] = await audit("token.refused");
      expect(event).toMatchObject({ actorId: null, outcome: "denied", ip: "198.51.100.4", details: { reason: "unknown", path: "/api/sql/execute", scope: "sql:run" } });
      expect(JSON.stringify(event!.details)).not.toContain("A".repeat(43));
    });

    it("answers 401 for a revoked token, and for a token one character off", async () => {
      const owner = await user("ed@example.com", "editor");
      const { token, id } = await make(owner);
      const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
      expect(await authorizeBearer(bearer(flipped), { scope: "sql:run", role: "viewer" }, where())).toMatchObject({ status: 401, message: "Unknown API token." });
      await revokeToken({ ctx: ctxOf(owner), input: { id } });
      expect(await authorizeBearer(bearer(token), { scope: "sql:run", role: "viewer" }, where())).toMatchObject({ status: 401, message: "This API token was revoked." });
      expect((await audit("token.refused")).map((e) => (e.details as { reason: string }).reason)).toEqual(["unknown", "revoked"]);
    });

    it("answers 401 naming the date for an expired token", async () => {
      const owner = await user("ed@example.com", "editor");
      const { token, id } = await make(owner);
      await db().apiToken.update({ where: { id }, data: { expiresAt: new Date("2026-11-30T08:15:00Z") } });
      const result = await authorizeBearer(bearer(token), { scope: "sql:run", role: "viewer" }, where());
      expect(result).toMatchObject({ status: 401, message: "This API token expired on 2026-11-30 08:15 UTC." });
      expect((await listTokens({ ctx: ctxOf(owner), input: undefined }))[0]!.status).toBe("expired");
    });

    it("stops working at once when its owner is disabled, and works again when re-enabled", async () => {
      const owner = await user("ed@example.com", "editor");
      const { token } = await make(owner);
      await db().user.update({ where: { id: owner.id }, data: { disabled: true } });
      expect(await authorizeBearer(bearer(token), { scope: "sql:run", role: "viewer" }, where())).toMatchObject({ status: 401, message: "This API token's owner is disabled." });
      const [event] = await audit("token.refused");
      expect(event).toMatchObject({ actorId: owner.id, subject: "ed@example.com", details: { reason: "owner_disabled" } });
      await db().user.update({ where: { id: owner.id }, data: { disabled: false } });
      expect((await authorizeBearer(bearer(token), { scope: "sql:run", role: "viewer" }, where())).ok).toBe(true);
    });

    it("answers 403 naming the missing scope", async () => {
      const owner = await user("ed@example.com", "editor");
      const { token, prefix } = await make(owner, ["read"]);
      expect(await authorizeBearer(bearer(token), { scope: "sql:run", role: "viewer" }, where())).toMatchObject({
        status: 403,
        message: "This API token lacks the `sql:run` scope.",
      });
      const [event] = await audit("token.refused");
      expect(event).toMatchObject({ actorId: owner.id, details: { reason: "missing_scope", prefix, scope: "sql:run" } });
    });

    it("answers 403 on an endpoint that takes no tokens", async () => {
      const owner = await user("ad@example.com", "admin");
      const { token } = await make(owner, ["read", "sql:run", "lineage:write", "metrics:read", "storage:write"]);
      expect(await authorizeBearer(bearer(token), { scope: undefined, role: "viewer" }, where())).toMatchObject({
        status: 403,
        message: "This endpoint does not accept API tokens.",
      });
    });

    it("loses an editor's rights at once when its owner is demoted", async () => {
      const owner = await user("ed@example.com", "editor");
      const { token } = await make(owner, ["lineage:write"]);
      const lineage = { scope: "lineage:write" as const, role: "editor" as const };
      expect((await authorizeBearer(bearer(token), lineage, where())).ok).toBe(true);
      await db().user.update({ where: { id: owner.id }, data: { role: "viewer" } });
      expect(await authorizeBearer(bearer(token), lineage, where())).toMatchObject({ status: 403, message: "This needs the editor role; the token's owner is a viewer." });
      expect((await audit("token.refused")).map((e) => (e.details as { reason: string }).reason)).toEqual(["role"]);
    });

    it("records the last use at most once a minute", async () => {
      const owner = await user("ed@example.com", "editor");
      const { token, id } = await make(owner);
      const t0 = new Date();
      await authenticateBearer(bearer(token), db(), t0);
      const lastUsed = async () => (await db().apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt?.getTime();
      expect(await lastUsed()).toBe(t0.getTime());
      await authenticateBearer(bearer(token), db(), new Date(t0.getTime() + LAST_USED_RESOLUTION_MS - 1));
      expect(await lastUsed()).toBe(t0.getTime());
      const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS);
      await authenticateBearer(bearer(token), db(), later);
      expect(await lastUsed()).toBe(later.getTime());
    });

    it("goes with its owner when the owner is deleted", async () => {
      const owner = await user("ed@example.com", "editor");
      await make(owner);
      await db().user.delete({ where: { id: owner.id } });
      expect(await db().apiToken.count()).toBe(0);
    });
  });

  describe.skipIf(skip)("revoking and the admin overview", () => {
    it("lets the owner revoke, once (revoking again changes nothing), audited", async () => {
      const owner = await user("ed@example.com", "editor");
      const { id, prefix } = await make(owner);
      const revoked = await revokeToken({ ctx: ctxOf(owner), input: { id } });
      expect(revoked).toMatchObject({ id, status: "revoked", revokedAt: expect.any(Date) });
      expect(await revokeToken({ ctx: ctxOf(owner), input: { id } })).toMatchObject({ status: "revoked", revokedAt: revoked.revokedAt });
      const events = await audit("token.revoked");
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorId: owner.id, subject: "ed@example.com", details: { tokenId: id, prefix, ownerId: owner.id, byAdmin: false } });
      expect(await db().apiToken.findUniqueOrThrow({ where: { id } })).toMatchObject({ revokedBy: owner.id });
    });

    it("hides other users' tokens from non-admins: not found, nothing changed", async () => {
      const owner = await user("ed@example.com", "editor");
      const other = await user("ot@example.com", "editor");
      const { id } = await make(owner);
      const err = await domainErrorOf(revokeToken({ ctx: ctxOf(other), input: { id } }));
      expect(err).toMatchObject({ code: "NOT_FOUND", message: "No such API token." });
      expect(await listTokens({ ctx: ctxOf(other), input: undefined })).toEqual([]);
      expect((await db().apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
      expect(await audit("token.revoked")).toEqual([]);
    });

    it("lets an admin see every token, filter by owner, and revoke anyone's", async () => {
      const admin = await user("ad@example.com", "admin");
      const ed = await user("ed@example.com", "editor");
      const vi = await user("vi@example.com", "viewer");
      const edToken = await make(ed, ["sql:run"], 30, "ed's");
      await make(vi, ["read"], 30, "vi's");

      const all = await listAllTokens({ ctx: ctxOf(admin), input: { page: 1, pageSize: 50 } });
      expect(all.total).toBe(2);
      expect(all.tokens.map((t) => [t.name, t.owner.email])).toEqual([
        ["vi's", "vi@example.com"],
        ["ed's", "ed@example.com"],
      ]);
      const filtered = await listAllTokens({ ctx: ctxOf(admin), input: { owner: "ED@", page: 1, pageSize: 50 } });
      expect(filtered.tokens.map((t) => t.name)).toEqual(["ed's"]);
      expect(JSON.stringify(all)).not.toContain("tokenHash");

      await revokeToken({ ctx: ctxOf(admin), input: { id: edToken.id } });
      expect((await listTokens({ ctx: ctxOf(ed), input: undefined }))[0]).toMatchObject({ status: "revoked" });
      expect((await audit("token.revoked"))[0]).toMatchObject({ actorId: admin.id, subject: "ed@example.com", details: { byAdmin: true, ownerId: ed.id } });
      expect(await authorizeBearer(bearer(edToken.token), { scope: "sql:run", role: "viewer" }, where())).toMatchObject({ status: 401, message: "This API token was revoked." });
    });
  });
});
