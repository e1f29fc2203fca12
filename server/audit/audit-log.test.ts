// The audit log on real databases: filters, keyset paging, readable subjects, the streamed
// export (CSV and NDJSON parse back to exactly the filtered rows; formulas neutralised), the
// retention sweep; and that every action the code writes is offered by the filter.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";
import { tryAdvisoryLock } from "../db/advisory-lock";
import { createTeam, deleteTeam, updateTeam } from "../teams/teams";
import { listAuditEvents } from "./list-audit";
import { exportAuditLog, EXPORT_COLUMNS } from "./export";
import { ConfigError, loadConfig } from "../config/env";
import { auditRetentionDaysSchema } from "../../lib/settings/value-schemas";
import { auditRetentionDays, AUDIT_RETENTION_LOCK, sweepAuditEvents, sweepOnce } from "./retention";
import { auditFilterInput, exportAuditQuery, listAuditInput } from "./schemas";
import { KNOWN_AUDIT_ACTIONS } from "../../lib/audit/known-actions";

/** RFC 4180 parsing, enough for the export: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith(".ts") && !full.endsWith(".test.ts") ? [full] : [];
  });
}

it("offers every action the code writes in the filter's groups", () => {
  const written = new Set<string>();
  for (const file of sourceFiles(path.resolve(__dirname, ".."))) {
    for (const m of readFileSync(file, "utf8").matchAll(/action: "([a-z]+\.[a-z_]+)"/g)) written.add(m[1]!);
    for (const m of readFileSync(file, "utf8").matchAll(/: "((?:token|team)\.[a-z_]+)",/g)) written.add(m[1]!);
  }
  expect(written.size).toBeGreaterThan(20);
  const missing = [...written].filter((a) => !KNOWN_AUDIT_ACTIONS.includes(a));
  expect(missing, `add these actions to a group in server/audit/known-actions.ts: ${missing.join(", ")}`).toEqual([]);
});

it("validates filters and the export's query, with messages", () => {
  expect(auditFilterInput.safeParse({ from: "2026-12-02T00:00:00Z", to: "2026-12-01T00:00:00Z" }).error?.issues[0]?.message).toBe(
    "The start of the date range must be before its end.",
  );
  expect(auditFilterInput.safeParse({ from: "yesterday" }).success).toBe(false);
  expect(auditFilterInput.parse({ actions: ["group:team", "auth.sign_in"] }).actions).toEqual(expect.arrayContaining(["team.created", "team.synced", "auth.sign_in"]));
  expect(listAuditInput.safeParse({ cursor: "1; DROP TABLE" }).success).toBe(false);
  // An unknown filter is refused, not dropped (an old client's { action } would list everything).
  expect(listAuditInput.safeParse({ action: "sql.refused" }).success).toBe(false);
  expect(listAuditInput.safeParse({ filter: { action: "sql.refused" } }).success).toBe(false);
  expect(exportAuditQuery.safeParse({ format: "xlsx" }).success).toBe(false);
  expect(exportAuditQuery.parse({ format: "csv", action: "user.created,group:auth", outcome: "" })).toEqual({
    format: "csv",
    filter: { actions: ["user.created", "auth.sign_in", "auth.sign_out"] },
  });
  // The retention is a portal setting: 0 (keep) by default; the variable locks it, validated at start.
  expect(auditRetentionDays()).toBe(0);
  expect(loadConfig({ PORTAL_AUDIT_RETENTION_DAYS: "90" }).PORTAL_AUDIT_RETENTION_DAYS).toBe(90);
  expect(loadConfig({ PORTAL_AUDIT_RETENTION_DAYS: "90" }).setVariables?.has("PORTAL_AUDIT_RETENTION_DAYS")).toBe(true);
  expect(() => loadConfig({ PORTAL_AUDIT_RETENTION_DAYS: "-1" })).toThrow(ConfigError);
  expect(auditRetentionDaysSchema.safeParse("-1").error?.issues[0]?.message).toBe("must be 0 (keep forever) or more");
});

await describeOnDatabases("the audit log on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let admin: CurrentUser;
  const db = () => database.db;
  const ctx = () => ({ user: admin, ip: "203.0.113.9", db: db() });
  beforeAll(async () => {
    if (!skip) database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (skip) return;
    await db().$executeRaw`TRUNCATE users, audit_events, teams, team_members, catalog_datasets CASCADE`;
    admin = await createTestUser(db(), "admin@example.com", "admin");
  });

  const day = (d: number, h = 12) => new Date(Date.UTC(2026, 10, d, h));
  async function seed() {
    const ana = await db().user.create({ data: { email: "ana@example.com", name: "Ana Alves", role: "viewer", passwordHash: "x" } });
    const dataset = await db().catalogDataset.create({ data: { engineId: "duckdb", catalog: "lake", schema: "main", name: "flights", kind: "TABLE", columnsHash: "x" } });
    const rows = [
      { at: day(1), actorEmail: null, action: "auth.sign_in", subject: "ana@example.com", outcome: "failure", details: { reason: "wrong_password" } },
      { at: day(2), actorEmail: "ana@example.com", actorId: ana.id, action: "auth.sign_in", subject: "ana@example.com", outcome: "success" },
      {
        at: day(3),
        actorEmail: "admin@example.com",
        actorId: admin.id,
        action: "user.role_changed",
        subject: "ana@example.com",
        outcome: "success",
        details: { from: "viewer", to: "editor" },
      },
      { at: day(4), actorEmail: "ana@example.com", actorId: ana.id, action: "catalog.owners_changed", subject: `dataset:${dataset.id}`, outcome: "success" },
      { at: day(5), actorEmail: "ana@example.com", actorId: ana.id, action: "sql.refused", subject: '=HYPERLINK("http://x")', outcome: "denied", details: { sql: "-1+1" } },
    ];
    for (const r of rows) await db().auditEvent.create({ data: r });
    return { ana, dataset };
  }
  const list = (input: Partial<Parameters<typeof listAuditInput.parse>[0]> = {}) => listAuditEvents({ ctx: ctx(), input: listAuditInput.parse(input) });

  it.skipIf(skip)("filters by actor, action group, outcome, date range and subject", async () => {
    await seed();
    const actions = async (filter: object) => (await list({ filter })).events.map((e) => e.action);
    expect(await actions({ actor: "ANA@example.com" })).toEqual(["sql.refused", "catalog.owners_changed", "auth.sign_in"]);
    expect(await actions({ actor: "system" })).toEqual(["auth.sign_in"]);
    expect(await actions({ actions: ["group:auth"] })).toEqual(["auth.sign_in", "auth.sign_in"]);
    expect(await actions({ actions: ["group:auth", "user.role_changed"], outcome: "success" })).toEqual(["user.role_changed", "auth.sign_in"]);
    expect(await actions({ outcome: "denied" })).toEqual(["sql.refused"]);
    expect(await actions({ from: day(2, 0).toISOString(), to: day(4, 0).toISOString() })).toEqual(["user.role_changed", "auth.sign_in"]);
    expect(await actions({ subject: "dataset:" })).toEqual(["catalog.owners_changed"]);
    expect(await actions({ actions: ["group:nothing"] })).toEqual([]);
  });

  it.skipIf(skip)("pages by keyset: older pages cover every event once, newer pages go back", async () => {
    for (let i = 0; i < 23; i++) await db().auditEvent.create({ data: { action: "auth.sign_in", subject: `u${i}@example.com`, outcome: "success", at: day(1, i) } });
    const seen: string[] = [];
    let page = await list({ pageSize: 10 });
    expect(page).toMatchObject({ hasNewer: false, hasOlder: true });
    seen.push(...page.events.map((e) => e.subject!));
    const pages = [page];
    while (page.hasOlder) {
      page = await list({ pageSize: 10, cursor: page.olderCursor!, direction: "older" });
      pages.push(page);
      seen.push(...page.events.map((e) => e.subject!));
    }
    expect(pages.map((p) => p.events.length)).toEqual([10, 10, 3]);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `u${22 - i}@example.com`));
    const back = await list({ pageSize: 10, cursor: pages[2]!.newerCursor!, direction: "newer" });
    expect(back.events.map((e) => e.subject)).toEqual(pages[1]!.events.map((e) => e.subject));
    expect(back).toMatchObject({ hasNewer: true, hasOlder: true });
    const top = await list({ pageSize: 10, cursor: back.newerCursor!, direction: "newer" });
    expect(top.events.map((e) => e.subject)).toEqual(pages[0]!.events.map((e) => e.subject));
    expect(top.hasNewer).toBe(false);
  });

  it.skipIf(skip)("shows readable subjects: dataset names, users' names, a team's current name, the id once it is deleted", async () => {
    const { dataset } = await seed();
    const team = await createTeam({ ctx: ctx(), input: { name: "Analytics", description: "" } });
    await updateTeam({ ctx: ctx(), input: { teamId: team.id, name: "Insights", description: "" } });
    const gone = await createTeam({ ctx: ctx(), input: { name: "Old Team", description: "" } });
    await deleteTeam({ ctx: ctx(), input: { teamId: gone.id, confirmName: "Old Team" } });

    const { events } = await list();
    const info = (subject: string) => events.find((e) => e.subject === subject)?.subjectInfo;
    expect(info(`dataset:${dataset.id}`)).toEqual({ kind: "dataset", label: "lake.main.flights", gone: false });
    expect(info(`team:${team.id}`)).toEqual({ kind: "team", label: "Insights", gone: false });
    expect(info(`team:${gone.id}`)).toEqual({ kind: "team", label: null, gone: true });
    expect(info("ana@example.com")).toEqual({ kind: "user", label: "Ana Alves", gone: false });
    expect(events.find((e) => e.action === "sql.refused")?.subjectInfo).toBeNull();
  });

  it.skipIf(skip)("exports the filtered rows as CSV and NDJSON that parse back to them; formulas are neutralised; the export is audited", async () => {
    const { dataset } = await seed();
    const filter = { actor: "ana@example.com" };
    const expected = (await list({ filter })).events;

    const csvResponse = await exportAuditLog(ctx(), { format: "csv", filter: auditFilterInput.parse(filter) });
    expect(csvResponse.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvResponse.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-.+\.csv"$/);
    const [header, ...rows] = parseCsv(await csvResponse.text());
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows.map((r) => [r[0], r[3], r[4], r[5]])).toEqual(
      expected.map((e) => [e.id, e.action, e.subject === '=HYPERLINK("http://x")' ? `'${e.subject}` : e.subject, e.subjectInfo?.label ?? ""]),
    );
    expect(rows.find((r) => r[3] === "catalog.owners_changed")?.[5]).toBe("lake.main.flights");
    expect(rows.find((r) => r[3] === "sql.refused")?.[8]).toBe('{"sql":"-1+1"}');
    expect(rows.every((r) => r[2] === "ana@example.com")).toBe(true);

    const ndjson = await (await exportAuditLog(ctx(), { format: "ndjson", filter: auditFilterInput.parse(filter) })).text();
    const lines = ndjson
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.id, l.action, l.subject, l.actor])).toEqual(expected.map((e) => [e.id, e.action, e.subject, e.actorEmail]));
    expect(lines.find((l) => l.subject === `dataset:${dataset.id}`)).toMatchObject({ subject_name: "lake.main.flights", outcome: "success" });

    const exports = await db().auditEvent.findMany({ where: { action: "audit.exported" }, orderBy: { id: "asc" } });
    expect(exports.map((e) => [e.actorEmail, e.ip, e.details])).toEqual([
      ["admin@example.com", "203.0.113.9", { format: "csv", filter: { actor: "ana@example.com" } }],
      ["admin@example.com", "203.0.113.9", { format: "ndjson", filter: { actor: "ana@example.com" } }],
    ]);
  });

  it.skipIf(skip)("exports more rows than one batch, in order, without the export's own row", async () => {
    await db()
      .$executeRaw`INSERT INTO audit_events (action, subject, outcome, at) SELECT 'auth.sign_in', 'bulk' || g, 'success', now() - g * interval '1 second' FROM generate_series(1, 2500) g`;
    const text = await (await exportAuditLog(ctx(), { format: "ndjson", filter: {} })).text();
    const ids = text
      .trimEnd()
      .split("\n")
      .map((l) => BigInt((JSON.parse(l) as { id: string }).id));
    expect(ids).toHaveLength(2500);
    expect(ids.every((id, i) => i === 0 || id < ids[i - 1]!)).toBe(true);
  });

  it.skipIf(skip)("sweeps events older than the retention in batches, once across replicas, and audits the sweep", async () => {
    const now = new Date(Date.UTC(2026, 11, 3));
    await db()
      .$executeRaw`INSERT INTO audit_events (action, subject, outcome, at) SELECT 'auth.sign_in', 'old' || g, 'success', ${now}::timestamptz - interval '40 days' - g * interval '1 minute' FROM generate_series(1, 25) g`;
    await db()
      .$executeRaw`INSERT INTO audit_events (action, subject, outcome, at) SELECT 'auth.sign_in', 'new' || g, 'success', ${now}::timestamptz - interval '10 days' FROM generate_series(1, 5) g`;

    // Another replica holds the sweep's lock: this one does nothing.
    const other = await tryAdvisoryLock(database.url, AUDIT_RETENTION_LOCK, "audit-retention", "test");
    expect(other).not.toBeNull();
    expect(await sweepOnce(database.url, db(), 30, now)).toBeNull();
    await other!.release();
    expect(await db().auditEvent.count()).toBe(30);

    expect(await sweepAuditEvents(db(), 30, now, 10)).toMatchObject({ deleted: 25, batches: 3 });
    const left = await db().auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(left.filter((e) => e.subject?.startsWith("old"))).toEqual([]);
    expect(left.filter((e) => e.subject?.startsWith("new"))).toHaveLength(5);
    expect(left.at(-1)).toMatchObject({ action: "audit.swept", actorEmail: null, details: { deleted: 25, retentionDays: 30 } });
    expect(await sweepOnce(database.url, db(), 30, now)).toMatchObject({ deleted: 0 });
    expect(await sweepAuditEvents(db(), 0, now)).toMatchObject({ deleted: 0, batches: 0 });
  });
});
