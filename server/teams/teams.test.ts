// Teams on real databases: CRUD with conflicts and confirmation, every change audited, sync at
// SSO sign-in that never touches memberships set by hand, and teams as catalog owners.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";
import { signInWithOidc } from "../auth/oidc/sign-in";
import { updateOwners } from "../catalog/stewardship";
import { ownerSuggestions } from "../catalog/datasets";
import { addMembers, createTeam, deleteTeam, getTeam, listTeams, removeMember, slugify, updateTeam } from "./teams";
import { getTeamSync, groupsToTeamNames, updateTeamSync } from "./sync";
import { resolveOwners } from "./owners";

const ISSUER = "https://login.example.com";
const policy = { issuer: ISSUER, rules: [], defaultRole: "viewer" as const };

it("derives slugs that survive odd names", () => {
  expect(slugify("Data Platform")).toBe("data-platform");
  expect(slugify("Équipe Données & Co.")).toBe("equipe-donnees-co");
  expect(slugify("___")).toBe("team");
  expect(groupsToTeamNames(["portal-Data Platform", "other", "portal-", "portal-data platform", 42, "/portal-x"], "portal-")).toEqual(["Data Platform"]);
  expect(groupsToTeamNames("portal-a1 portal-b2", "portal-")).toEqual(["a1", "b2"]);
  expect(groupsToTeamNames(["/data/platform"], "")).toEqual(["data platform"]);
});

await describeOnDatabases("teams on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let admin: CurrentUser;
  const db = () => database.db;
  const ctx = () => ({ user: admin, ip: "198.51.100.7", db: db() });
  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (skip) return;
    await db().$executeRaw`TRUNCATE users, audit_events, teams, team_members, team_sync_settings, catalog_datasets CASCADE`;
    admin = await createTestUser(db(), "admin@example.com", "admin");
  });
  const audit = () => db().auditEvent.findMany({ where: { action: { startsWith: "team." } }, orderBy: { id: "asc" } });

  it.skipIf(skip)("creates, renames and lists teams; names are unique without regard to case; every change is audited", async () => {
    const team = await createTeam({ ctx: ctx(), input: { name: "Data Platform", description: "Runs the lakehouse" } });
    expect(team).toMatchObject({ name: "Data Platform", slug: "data-platform", description: "Runs the lakehouse", memberCount: 0, members: [] });

    const taken = await domainErrorOf(createTeam({ ctx: ctx(), input: { name: "data platform", description: "" } }));
    expect(taken).toMatchObject({ code: "CONFLICT", message: "A team named data platform already exists." });

    const renamed = await updateTeam({ ctx: ctx(), input: { teamId: team.id, name: "Platform", description: "Runs it" } });
    expect(renamed).toMatchObject({ name: "Platform", slug: "data-platform" });
    await createTeam({ ctx: ctx(), input: { name: "Analytics", description: "" } });
    expect((await listTeams({ ctx: ctx(), input: {} })).teams.map((t) => t.name)).toEqual(["Analytics", "Platform"]);
    expect((await listTeams({ ctx: ctx(), input: { search: "plat" } })).teams.map((t) => t.name)).toEqual(["Platform"]);

    // A new team with the first team's old name gets a slug of its own.
    expect(await createTeam({ ctx: ctx(), input: { name: "Data Platform", description: "" } })).toMatchObject({ slug: "data-platform-2" });

    const rows = await audit();
    expect(rows.map((r) => [r.action, r.subject, r.actorEmail, r.ip])).toEqual([
      ["team.created", `team:${team.id}`, "admin@example.com", "198.51.100.7"],
      ["team.updated", `team:${team.id}`, "admin@example.com", "198.51.100.7"],
      ["team.created", expect.stringMatching(/^team:/), "admin@example.com", "198.51.100.7"],
      ["team.created", expect.stringMatching(/^team:/), "admin@example.com", "198.51.100.7"],
    ]);
    expect(rows[1]!.details).toEqual({ before: { name: "Data Platform", description: "Runs the lakehouse" }, after: { name: "Platform", description: "Runs it" } });
  });

  it.skipIf(skip)("pages through many teams by keyset, every team once, with the search applied to every page", async () => {
    const names = Array.from({ length: 1_000 }, (_, i) => `Team ${String(i).padStart(4, "0")}${i % 10 === 7 ? " finance" : ""}`);
    await db().team.createMany({ data: names.map((name, i) => ({ name, slug: `team-${i}` })) });
    const walk = async (search?: string) => {
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await listTeams({ ctx: ctx(), input: { search, after } });
        pages++;
        seen.push(...page.teams.map((t) => t.name));
        if (!page.next) return { seen, pages, total: page.total };
        after = page.next;
      }
    };
    const all = await walk();
    expect(all).toMatchObject({ pages: 20, total: 1_000 });
    expect(all.seen).toEqual([...names].sort());
    const finance = await walk("FINANCE");
    expect(finance).toMatchObject({ pages: 2, total: 100 });
    expect(finance.seen).toEqual(names.filter((n) => n.endsWith("finance")));
    // A page size of its own; the last page says there is no next one.
    const last = await listTeams({ ctx: ctx(), input: { after: "Team 0989", limit: 10 } });
    expect(last.teams.map((t) => t.name)).toEqual(names.slice(990).map(String));
    expect(last.next).toBeNull();
  });

  it.skipIf(skip)("adds and removes members by e-mail; an unknown e-mail changes nothing", async () => {
    const team = await createTeam({ ctx: ctx(), input: { name: "Analytics", description: "" } });
    const ana = await createTestUser(db(), "ana@example.com", "viewer");
    await createTestUser(db(), "bo@example.com", "editor");

    const refused = await domainErrorOf(addMembers({ ctx: ctx(), input: { teamId: team.id, emails: ["ana@example.com", "nobody@example.com"] } }));
    expect(refused).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { emails: ["unknown user: nobody@example.com"] } });
    expect(await db().teamMember.count()).toBe(0);

    const added = await addMembers({ ctx: ctx(), input: { teamId: team.id, emails: ["bo@example.com", "ana@example.com", "ana@example.com"] } });
    expect(added.members.map((m) => [m.email, m.source])).toEqual([
      ["ana@example.com", "manual"],
      ["bo@example.com", "manual"],
    ]);
    // Adding again is no change and no audit row.
    await addMembers({ ctx: ctx(), input: { teamId: team.id, emails: ["ana@example.com"] } });
    const after = await removeMember({ ctx: ctx(), input: { teamId: team.id, userId: ana.id } });
    expect(after.members.map((m) => m.email)).toEqual(["bo@example.com"]);
    expect((await domainErrorOf(removeMember({ ctx: ctx(), input: { teamId: team.id, userId: ana.id } }))).code).toBe("NOT_FOUND");
    expect((await audit()).map((r) => [r.action, (r.details as { email?: string }).email ?? null])).toEqual([
      ["team.created", null],
      ["team.member_added", "ana@example.com"],
      ["team.member_added", "bo@example.com"],
      ["team.member_removed", "ana@example.com"],
    ]);
  });

  it.skipIf(skip)("deletes a team only with its name typed again, and takes it off the datasets it owned", async () => {
    const team = await createTeam({ ctx: ctx(), input: { name: "Finance", description: "" } });
    await createTestUser(db(), "fi@example.com", "viewer");
    await addMembers({ ctx: ctx(), input: { teamId: team.id, emails: ["fi@example.com"] } });
    const dataset = await db().catalogDataset.create({
      data: { engineId: "duckdb", catalog: "lake", schema: "main", name: "ledger", kind: "TABLE", columnsHash: "x", owners: ["fi@example.com", "team:finance"] },
    });
    expect((await getTeam({ ctx: ctx(), input: { teamId: team.id } })).ownedDatasets).toBe(1);

    const wrong = await domainErrorOf(deleteTeam({ ctx: ctx(), input: { teamId: team.id, confirmName: "finance" } }));
    expect(wrong).toMatchObject({ code: "PRECONDITION_FAILED", message: "Type the team's name, Finance, to delete it." });
    expect(await db().team.count()).toBe(1);

    expect(await deleteTeam({ ctx: ctx(), input: { teamId: team.id, confirmName: "Finance" } })).toEqual({ deleted: true, datasetsUpdated: 1 });
    expect(await db().team.count()).toBe(0);
    expect(await db().teamMember.count()).toBe(0);
    expect((await db().catalogDataset.findUniqueOrThrow({ where: { id: dataset.id } })).owners).toEqual(["fi@example.com"]);
    expect((await audit()).at(-1)).toMatchObject({ action: "team.deleted", details: { name: "Finance", slug: "finance", members: 1, datasetsUpdated: 1 } });
    expect((await domainErrorOf(getTeam({ ctx: ctx(), input: { teamId: team.id } }))).code).toBe("NOT_FOUND");
  });

  it.skipIf(skip)("syncs teams from the groups claim at every SSO sign-in, never removing memberships set by hand", async () => {
    expect(await getTeamSync({ ctx: ctx(), input: undefined })).toMatchObject({ enabled: false, claim: "groups", version: 0 });
    // Disabled: a sign-in changes no team.
    await signInWithOidc(db(), policy, { sub: "u-1", email: "cy@example.com", groups: ["portal-Analytics"] });
    expect(await db().team.count()).toBe(0);

    await updateTeamSync({ ctx: ctx(), input: { enabled: true, claim: "groups", prefix: "portal-", version: 0 } });
    const stale = await domainErrorOf(updateTeamSync({ ctx: ctx(), input: { enabled: false, claim: "groups", prefix: "", version: 0 } }));
    expect(stale.code).toBe("CONFLICT");

    const manualTeam = await createTeam({ ctx: ctx(), input: { name: "Stewards", description: "" } });
    const cy = await db().user.findUniqueOrThrow({ where: { email: "cy@example.com" } });
    await addMembers({ ctx: ctx(), input: { teamId: manualTeam.id, emails: ["cy@example.com"] } });

    // First sign-in with sync: teams created, oidc memberships added; the manual one kept.
    await signInWithOidc(db(), policy, { sub: "u-1", email: "cy@example.com", groups: ["portal-Analytics", "portal-Finance", "unrelated"] });
    const memberships = async () =>
      (await db().teamMember.findMany({ where: { userId: cy.id }, include: { team: { select: { name: true } } } })).map((m) => `${m.team.name}:${m.source}`).sort();
    expect(await memberships()).toEqual(["Analytics:oidc", "Finance:oidc", "Stewards:manual"]);

    // The provider drops Finance and does not list Stewards: only the synced Finance goes.
    await signInWithOidc(db(), policy, { sub: "u-1", email: "cy@example.com", groups: ["portal-Analytics"] });
    expect(await memberships()).toEqual(["Analytics:oidc", "Stewards:manual"]);

    // An admin adds cy to Finance by hand: that survives the next sync, and is marked manual.
    const finance = await db().team.findUniqueOrThrow({ where: { slug: "finance" } });
    await addMembers({ ctx: ctx(), input: { teamId: finance.id, emails: ["cy@example.com"] } });
    await signInWithOidc(db(), policy, { sub: "u-1", email: "cy@example.com", groups: [] });
    expect(await memberships()).toEqual(["Finance:manual", "Stewards:manual"]);

    // The claim missing altogether changes nothing.
    await signInWithOidc(db(), policy, { sub: "u-1", email: "cy@example.com", groups: ["portal-Analytics"] });
    await signInWithOidc(db(), policy, { sub: "u-1", email: "cy@example.com" });
    expect(await memberships()).toEqual(["Analytics:oidc", "Finance:manual", "Stewards:manual"]);

    const synced = await db().auditEvent.findMany({ where: { action: "team.synced" }, orderBy: { id: "asc" } });
    expect(synced.map((r) => r.details)).toEqual([
      { userId: cy.id, added: ["Analytics", "Finance"], removed: [], claim: "groups" },
      { userId: cy.id, added: [], removed: ["Finance"], claim: "groups" },
      { userId: cy.id, added: [], removed: ["Analytics"], claim: "groups" },
      { userId: cy.id, added: ["Analytics"], removed: [], claim: "groups" },
    ]);
    expect(await db().auditEvent.count({ where: { action: "team.created", actorEmail: null, details: { path: ["source"], equals: "oidc" } } })).toBe(2);
  });

  it.skipIf(skip)("makes a team a dataset's owner; it resolves to its name and members; an unknown team is refused", async () => {
    const team = await createTeam({ ctx: ctx(), input: { name: "Data Platform", description: "" } });
    await createTestUser(db(), "dee@example.com", "editor");
    await addMembers({ ctx: ctx(), input: { teamId: team.id, emails: ["dee@example.com"] } });
    const dataset = await db().catalogDataset.create({ data: { engineId: "duckdb", catalog: "lake", schema: "main", name: "flights", kind: "TABLE", columnsHash: "x" } });
    const editor = await createTestUser(db(), "ed@example.com", "editor");
    const editorCtx = { user: editor, ip: null, db: db() };

    const suggestions = await ownerSuggestions({ ctx: editorCtx, input: { search: "platf" } });
    expect(suggestions.teams).toEqual(["team:data-platform"]);
    expect(suggestions.teamNames).toEqual({ "team:data-platform": "Data Platform" });

    const unknown = await domainErrorOf(updateOwners({ ctx: editorCtx, input: { datasetId: dataset.id, owners: ["team:no-such-team"] } }));
    expect(unknown).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { owners: ["unknown team: team:no-such-team"] } });
    expect((await db().catalogDataset.findUniqueOrThrow({ where: { id: dataset.id } })).owners).toEqual([]);

    await updateOwners({ ctx: editorCtx, input: { datasetId: dataset.id, owners: ["team:data-platform", "ed@example.com"] } });
    const { owners } = await db().catalogDataset.findUniqueOrThrow({ where: { id: dataset.id } });
    expect(owners).toEqual(["team:data-platform", "ed@example.com"]);
    // Renaming keeps the ownership: the page shows the new name.
    await updateTeam({ ctx: ctx(), input: { teamId: team.id, name: "Platform Team", description: "" } });
    expect(await resolveOwners({ ctx: editorCtx, input: { owners } })).toEqual([
      { ref: "team:data-platform", id: team.id, name: "Platform Team", slug: "data-platform", members: [{ email: "dee@example.com", name: "dee@example.com" }] },
    ]);
  });
});
