// Measures the audit log's list at a million events on the PostgreSQL server (not a test: run it
// by hand with `npx tsx server/audit/paging-bench.ts`). Seeds a fresh database with 1,000,000
// events shaped like a real log (mostly sign-ins, 2,000 actors, a few rare admin actions), then
// times audit.list's handler for the first page, a deep keyset page and each filter, against the
// OFFSET paging it replaced. Prints the median of 5 runs of each.
import { createTestDatabase } from "../testing/databases";
import type { CurrentUser } from "../auth/current-user";
import { listAuditEvents } from "./list-audit";
import { listAuditInput } from "./schemas";

const N = 1_000_000;

async function main() {
  const database = await createTestDatabase("postgres");
  const db = database.db;
  try {
    const t0 = performance.now();
    await db.$executeRawUnsafe(`
      INSERT INTO audit_events (at, actor_email, action, subject, outcome, ip, details)
      SELECT now() - (${N} - g) * interval '30 seconds',
             CASE WHEN g % 10 = 0 THEN NULL ELSE 'user' || (g % 2000) || '@example.com' END,
             CASE WHEN g % 1000 = 0 THEN 'team.member_added' WHEN g % 97 = 0 THEN 'user.role_changed' WHEN g % 7 = 0 THEN 'sql.executed' ELSE 'auth.sign_in' END,
             CASE WHEN g % 1000 = 0 THEN 'team:' || gen_random_uuid() ELSE 'user' || (g % 2000) || '@example.com' END,
             CASE WHEN g % 10 = 0 THEN 'failure' WHEN g % 501 = 0 THEN 'denied' ELSE 'success' END,
             '10.0.' || (g % 250) || '.' || (g % 200),
             jsonb_build_object('n', g)
      FROM generate_series(1, ${N}) g`);
    await db.$executeRawUnsafe("ANALYZE audit_events");
    console.log(`seeded ${N.toLocaleString()} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const admin: CurrentUser = { id: "00000000-0000-4000-8000-000000000001", email: "admin@example.com", name: "Admin", role: "admin" };
    const ctx = { user: admin, ip: null, db };
    const middle = String(N / 2);
    const cases: [string, unknown][] = [
      ["first page, no filter", {}],
      ["keyset page at event 500,000", { cursor: middle }],
      ["keyset page at event 100 (the oldest end)", { cursor: "100" }],
      ["actor filter (1 of 2,000)", { filter: { actor: "user7@example.com" } }],
      ["actor filter, deep page", { filter: { actor: "user7@example.com" }, cursor: middle }],
      ["action group team (0.1 %)", { filter: { actions: ["group:team"] } }],
      ["action group team, deep page", { filter: { actions: ["group:team"] }, cursor: middle }],
      ["outcome denied (0.2 %)", { filter: { outcome: "denied" } }],
      ["date range (one day, 5 days ago)", { filter: { from: new Date(Date.now() - 6 * 86_400_000).toISOString(), to: new Date(Date.now() - 5 * 86_400_000).toISOString() } }],
      ["subject contains (rare)", { filter: { subject: "user1999@" } }],
    ];
    for (const [label, input] of cases) {
      const parsed = listAuditInput.parse(input);
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        rows = (await listAuditEvents({ ctx, input: parsed })).events.length;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(`${label.padEnd(44)} ${times[2]!.toFixed(1).padStart(8)} ms  (${rows} rows)`);
    }
    // The paging it replaced: OFFSET and a total count.
    for (const offset of [0, 500_000]) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await db.$transaction([db.auditEvent.findMany({ orderBy: { id: "desc" }, skip: offset, take: 50 }), db.auditEvent.count()]);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(`${`old: OFFSET ${offset.toLocaleString()} + count`.padEnd(44)} ${times[2]!.toFixed(1).padStart(8)} ms`);
    }
  } finally {
    await database.close();
  }
}

await main();
