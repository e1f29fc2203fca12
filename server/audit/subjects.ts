// Readable subjects: audit rows store what an action was about as an id-bearing reference
// (`dataset:<id>`, `team:<id>`, `alert-rule:<id>`, …) or an e-mail. A page of the log resolves
// them to names in ONE query (a UNION over the tables the references point into), at read time,
// so a renamed team shows its current name; a reference whose thing was deleted falls back to
// the stored text, marked as gone.
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";

export type SubjectKind = "dataset" | "team" | "alert-rule" | "alert-channel" | "query" | "connection" | "user";
export type ReadableSubject = { kind: SubjectKind; label: string | null; gone: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PREFIXED: [string, SubjectKind][] = [
  ["dataset:", "dataset"],
  ["team:", "team"],
  ["alert-rule:", "alert-rule"],
  ["alert-channel:", "alert-channel"],
  ["query:", "query"],
  ["connection ", "connection"],
];

/** What a stored subject refers to, or null for free text (an engine id, "single sign-on"). */
export function parseSubject(subject: string | null): { kind: SubjectKind; key: string } | null {
  if (!subject) return null;
  for (const [prefix, kind] of PREFIXED) {
    if (subject.startsWith(prefix)) {
      const id = subject.slice(prefix.length);
      return UUID.test(id) ? { kind, key: id.toLowerCase() } : null;
    }
  }
  return EMAIL.test(subject) ? { kind: "user", key: subject.toLowerCase() } : null;
}

/** Names for the subjects of one page, keyed by the stored subject text. */
export async function readableSubjects(client: Db, subjects: readonly (string | null)[]): Promise<Map<string, ReadableSubject>> {
  const refs = new Map<string, { kind: SubjectKind; key: string }>();
  for (const s of subjects) {
    const ref = s ? parseSubject(s) : null;
    if (s && ref) refs.set(s, ref);
  }
  if (refs.size === 0) return new Map();
  const ids = (kind: SubjectKind) => [...new Set([...refs.values()].filter((r) => r.kind === kind).map((r) => r.key))];
  const rows = await client.$queryRaw<{ kind: SubjectKind; key: string; label: string }[]>(Prisma.sql`
    SELECT 'dataset' AS kind, id::text AS key, catalog || '.' || schema || '.' || name AS label FROM catalog_datasets WHERE id = ANY(${ids("dataset")}::uuid[])
    UNION ALL SELECT 'team', id::text, name FROM teams WHERE id = ANY(${ids("team")}::uuid[])
    UNION ALL SELECT 'alert-rule', id::text, name FROM alert_rules WHERE id = ANY(${ids("alert-rule")}::uuid[])
    UNION ALL SELECT 'alert-channel', id::text, name FROM alert_channels WHERE id = ANY(${ids("alert-channel")}::uuid[])
    UNION ALL SELECT 'query', id::text, name FROM saved_queries WHERE id = ANY(${ids("query")}::uuid[])
    UNION ALL SELECT 'connection', id::text, name FROM connections WHERE id = ANY(${ids("connection")}::uuid[])
    UNION ALL SELECT 'user', email, name FROM users WHERE email = ANY(${ids("user")}::text[])`);
  const found = new Map(rows.map((r) => [`${r.kind}\u0000${r.key}`, r.label]));
  const result = new Map<string, ReadableSubject>();
  for (const [subject, ref] of refs) {
    const label = found.get(`${ref.kind}\u0000${ref.key}`);
    // A user's subject stays the e-mail (it is readable); the name goes beside it. An e-mail that
    // is no account (a failed sign-in) is not "gone": it never was.
    if (ref.kind === "user") result.set(subject, { kind: "user", label: label ?? null, gone: false });
    else result.set(subject, { kind: ref.kind, label: label ?? null, gone: label === undefined });
  }
  return result;
}
