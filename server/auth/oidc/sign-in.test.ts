// Single sign-on against real databases: accounts created at the first sign-in, roles
// re-evaluated (and audited) at every one, the last admin kept, refusals, linking by a verified
// e-mail only; the settings' version conflicts, write-only secret and break-glass rule.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/databases";
import { describeOnDatabases } from "../../testing/describe-on-databases";
import { hashPassword } from "../password";
import { signIn } from "../sign-in";
import { loadActiveUser, type CurrentUser } from "../current-user";
import { changeRole } from "../../users/users";
import { generateSecretKeyText, parseSecretKey, setSecretKey, decryptSecret } from "../../secrets";
import type { RoleRule } from "./schemas";
import { signInWithOidc } from "./sign-in";
import { getSsoSettings, loadSsoSettings, localSignInAllowed, updateSsoSettings } from "./settings";

const ISSUER = "https://login.example.com";
const rules: RoleRule[] = [
  { claim: "groups", operator: "contains", value: "data-admins", outcome: "admin" },
  { claim: "groups", operator: "contains", value: "contractors", outcome: "refuse" },
  { claim: "email", operator: "domain", value: "example.com", outcome: "viewer" },
];
const policy = { issuer: ISSUER, rules, defaultRole: null };
const noEnv = {} as const;

await describeOnDatabases("single sign-on on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let admin: CurrentUser;
  beforeAll(async () => {
    if (skip) return;
    setSecretKey(parseSecretKey(generateSecretKeyText()));
    database = await createTestDatabase(kind);
    const row = await database.db.user.create({ data: { email: "root@portal.local", name: "Root", role: "admin", passwordHash: await hashPassword("root password 1") } });
    admin = { id: row.id, email: row.email, name: row.name, role: "admin" };
  });
  afterAll(() => database?.close());

  const audit = (subject: string) => database.db.auditEvent.findMany({ where: { subject }, orderBy: { id: "asc" } });
  const ctx = () => ({ user: admin, ip: "198.51.100.1", db: database.db });

  it.skipIf(skip)("creates the account at the first sign-in with the role of the first matching rule", async () => {
    const result = await signInWithOidc(database.db, policy, { sub: "u-ana", email: "Ana@Example.com", name: "Ana", groups: ["data-admins"] });
    expect(result).toMatchObject({ status: "ok", created: true, user: { email: "ana@example.com", name: "Ana", role: "admin" } });
    const row = await database.db.user.findUniqueOrThrow({ where: { email: "ana@example.com" }, omit: { passwordHash: false } });
    expect(row).toMatchObject({ identityProvider: ISSUER, subject: "u-ana", role: "admin" });
    // No password opens an SSO account.
    expect(await signIn({ email: "ana@example.com", password: "!sso" }, database.db)).toEqual({ status: "invalid" });
    expect((await audit("ana@example.com")).map((e) => [e.action, e.outcome, (e.details as { method?: string }).method])).toEqual([
      ["user.created", "success", undefined],
      ["auth.sign_in", "success", "sso"],
      ["auth.sign_in", "failure", undefined],
    ]);
  });

  it.skipIf(skip)("re-evaluates the role at every sign-in: a demoted user loses rights at once, audited", async () => {
    const first = await signInWithOidc(database.db, policy, { sub: "u-bo", email: "bo@example.com", groups: ["data-admins"] });
    expect(first).toMatchObject({ status: "ok", user: { role: "admin" } });
    if (first.status !== "ok") return;
    const again = await signInWithOidc(database.db, policy, { sub: "u-bo", email: "bo@example.com", groups: ["analysts"] });
    expect(again).toMatchObject({ status: "ok", created: false, roleChange: { from: "admin", to: "viewer" } });
    // An existing session reads the role from the database on each request.
    expect(await loadActiveUser(first.user.id, first.user.sessionVersion, database.db)).toMatchObject({ role: "viewer" });
    const changed = (await audit("bo@example.com")).find((e) => e.action === "user.role_changed");
    expect(changed?.details).toMatchObject({ from: "admin", to: "viewer", reason: "single sign-on", rule: "rule 3" });
    // The same role again: nothing to audit.
    await signInWithOidc(database.db, policy, { sub: "u-bo", email: "bo@example.com", groups: ["analysts"] });
    expect((await audit("bo@example.com")).filter((e) => e.action === "user.role_changed")).toHaveLength(1);
  });

  it.skipIf(skip)("refuses when a refuse rule or no rule matches, and creates nobody", async () => {
    expect(await signInWithOidc(database.db, policy, { sub: "u-cy", email: "cy@example.com", groups: ["contractors"] })).toEqual({ status: "refused", reason: "rules" });
    expect(await signInWithOidc(database.db, policy, { sub: "u-dee", email: "dee@elsewhere.org" })).toEqual({ status: "refused", reason: "rules" });
    expect(await database.db.user.count({ where: { email: { in: ["cy@example.com", "dee@elsewhere.org"] } } })).toBe(0);
    expect((await audit("dee@elsewhere.org")).map((e) => [e.action, e.outcome, (e.details as { reason?: string }).reason])).toEqual([
      ["auth.sign_in", "denied", "refused_by_rules"],
    ]);
    // With a default role, the same person gets it.
    expect(await signInWithOidc(database.db, { ...policy, defaultRole: "viewer" }, { sub: "u-dee", email: "dee@elsewhere.org" })).toMatchObject({
      status: "ok",
      user: { role: "viewer" },
    });
  });

  it.skipIf(skip)("refuses claims without a subject or a usable e-mail, clearly and audited", async () => {
    expect(await signInWithOidc(database.db, policy, { email: "x@example.com" })).toEqual({ status: "refused", reason: "claims" });
    expect(await signInWithOidc(database.db, policy, { sub: "u-x", email: ["x@example.com"] })).toEqual({ status: "refused", reason: "claims" });
    expect(await signInWithOidc(database.db, policy, { sub: "u-x", email: "not an address" })).toEqual({ status: "refused", reason: "claims" });
    expect((await audit("sso:u-x")).at(-1)?.details).toMatchObject({ reason: "unexpected_claims", missing: ["email"] });
  });

  it.skipIf(skip)("never demotes the last active admin by rule: signs in with the admin role kept, audited", async () => {
    const own = await createTestDatabase(kind);
    try {
      const first = await signInWithOidc(own.db, policy, { sub: "solo", email: "solo@example.com", groups: ["data-admins"] });
      expect(first).toMatchObject({ status: "ok", user: { role: "admin" } });
      const demoted = await signInWithOidc(own.db, policy, { sub: "solo", email: "solo@example.com", groups: [] });
      expect(demoted).toMatchObject({ status: "ok", user: { role: "admin" }, roleChange: null, keptLastAdmin: true });
      const kept = await own.db.auditEvent.findFirst({ where: { action: "user.role_kept" } });
      expect(kept?.details).toMatchObject({ role: "admin", ruleWanted: "viewer", reason: "last_active_admin" });
    } finally {
      await own.close();
    }
  });

  it.skipIf(skip)("links an existing local account only when the provider verified the e-mail", async () => {
    await database.db.user.create({ data: { email: "eve@example.com", name: "Eve", role: "editor", passwordHash: await hashPassword("eve password 12") } });
    expect(await signInWithOidc(database.db, policy, { sub: "u-eve", email: "eve@example.com" })).toEqual({ status: "refused", reason: "unlinked" });
    const linked = await signInWithOidc(database.db, policy, { sub: "u-eve", email: "eve@example.com", email_verified: true });
    expect(linked).toMatchObject({ status: "ok", created: false, roleChange: { from: "editor", to: "viewer" } });
    // Another identity with the same e-mail cannot take the account over.
    expect(await signInWithOidc(database.db, policy, { sub: "u-mallory", email: "eve@example.com", email_verified: true })).toEqual({ status: "refused", reason: "unlinked" });
  });

  it.skipIf(skip)("refuses a disabled account", async () => {
    await signInWithOidc(database.db, policy, { sub: "u-fay", email: "fay@example.com" });
    await database.db.user.update({ where: { email: "fay@example.com" }, data: { disabled: true } });
    expect(await signInWithOidc(database.db, policy, { sub: "u-fay", email: "fay@example.com" })).toEqual({ status: "refused", reason: "disabled" });
  });

  it.skipIf(skip)("keeps the client secret encrypted and write-only, and refuses a save from an older version", async () => {
    const base = {
      enabled: true,
      issuer: "https://login.example.com/",
      clientId: "portal",
      clientSecret: "s3cr3t-value",
      scopes: "openid email profile",
      buttonLabel: "Example Login",
      rules,
      defaultRole: null,
      localSignIn: true,
      breakGlassEmails: [],
      version: 0,
    };
    const saved = await updateSsoSettings({ ctx: ctx(), input: base });
    expect(saved).toMatchObject({ enabled: true, issuer: "https://login.example.com", clientSecretSet: true, version: 1, updatedBy: "root@portal.local" });
    expect(JSON.stringify(saved)).not.toContain("s3cr3t-value");
    expect(JSON.stringify(await getSsoSettings({ ctx: ctx(), input: undefined }))).not.toContain("s3cr3t-value");
    const row = await database.db.ssoSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.clientSecret).not.toContain("s3cr3t-value");
    expect(decryptSecret(row.clientSecret!)).toBe("s3cr3t-value");
    const changed = await database.db.auditEvent.findFirst({ where: { action: "sso.settings_changed" }, orderBy: { id: "desc" } });
    expect(JSON.stringify(changed?.details)).not.toContain("s3cr3t-value");
    expect(changed?.details).toMatchObject({ clientSecret: "changed", before: null, after: { clientId: "portal" } });

    // null leaves the secret as it is.
    await updateSsoSettings({ ctx: ctx(), input: { ...base, clientSecret: null, buttonLabel: "Okta", version: 1 } });
    expect((await database.db.ssoSettings.findUniqueOrThrow({ where: { id: 1 } })).clientSecret).toBe(row.clientSecret);
    // A second admin's form from version 1 is refused, not applied over the newer save.
    await expect(updateSsoSettings({ ctx: ctx(), input: { ...base, clientSecret: null, buttonLabel: "Stale", version: 1 } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/Someone else saved these settings \(root@portal.local\)/),
    });
    expect((await loadSsoSettings(database.db, noEnv)).buttonLabel).toBe("Okta");
  });

  it.skipIf(skip)("turns password sign-in off only with a break-glass admin, who alone may still use it", async () => {
    const current = await loadSsoSettings(database.db, noEnv);
    const input = { ...current, clientSecret: null, localSignIn: false, breakGlassEmails: ["ana@example.com"] };
    // ana is an SSO admin without a password: she could not sign in when the provider is down.
    await expect(updateSsoSettings({ ctx: ctx(), input })).rejects.toMatchObject({ code: "BAD_REQUEST", fieldErrors: { breakGlassEmails: [expect.any(String)] } });
    await updateSsoSettings({ ctx: ctx(), input: { ...input, breakGlassEmails: ["Root@Portal.local"] } });
    const settings = await loadSsoSettings(database.db, noEnv);
    expect(localSignInAllowed(settings, "root@portal.local")).toBe(true);
    expect(localSignInAllowed(settings, "eve@example.com")).toBe(false);
    const allowed = (email: string) => localSignInAllowed(settings, email);
    expect(await signIn({ email: "root@portal.local", password: "root password 1" }, database.db, { allowed })).toMatchObject({ status: "ok" });
    expect(await signIn({ email: "eve@example.com", password: "eve password 12" }, database.db, { allowed })).toEqual({ status: "local_off" });
    // A wrong password says so, whether or not the e-mail is a break-glass one.
    expect(await signIn({ email: "eve@example.com", password: "wrong password" }, database.db, { allowed })).toEqual({ status: "invalid" });
    // The environment's issuer wins and is marked as such.
    const fromEnv = await loadSsoSettings(database.db, { OIDC_ISSUER: "https://env.example.com", OIDC_CLIENT_ID: "env-client", OIDC_CLIENT_SECRET: "env-secret" });
    expect(fromEnv).toMatchObject({ enabled: true, issuer: "https://env.example.com", clientId: "env-client", fromEnvironment: true, buttonLabel: "Okta" });
  });

  it.skipIf(skip)("a role changed in Admin › Users is overridden by the rules at the next sign-in", async () => {
    const bo = await database.db.user.findUniqueOrThrow({ where: { email: "bo@example.com" } });
    await changeRole({ ctx: ctx(), input: { userId: bo.id, role: "editor" } });
    expect(await signInWithOidc(database.db, policy, { sub: "u-bo", email: "bo@example.com", groups: [] })).toMatchObject({ roleChange: { from: "editor", to: "viewer" } });
  });
});
