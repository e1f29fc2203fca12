// What the settings form edits (text, as typed) and how it becomes a value: validated with the
// setting's own schema from the registry — the one the server and env.ts use — so the browser
// shows the server's message before anything is sent.
import { bucketRuleProblems, BUCKET_ACCESS_LEVELS, type BucketAccessLevel, type BucketRules } from "@/lib/settings/value-schemas";
import { SETTINGS, type SettingKey } from "@/lib/settings/definitions";

export type RuleRow = { id: string; bucket: string; read: BucketAccessLevel; write: BucketAccessLevel; maxUploadMB: string };
export type Draft = { kind: "number"; text: string } | { kind: "time-limits"; text: Record<"viewer" | "editor" | "admin", string> } | { kind: "bucket-rules"; rows: RuleRow[] };

/** Messages by field: "value" for a plain number, a role for time limits, a row id (or "rules") for bucket rules. */
export type Parsed = { ok: true; value: unknown } | { ok: false; errors: Record<string, string[]> };

let nextRowId = 0;
export const newRowId = () => `rule-${++nextRowId}`;

export function draftOf(key: SettingKey, value: unknown): Draft {
  const input = SETTINGS[key].input;
  if (input.kind === "number") return { kind: "number", text: String(value) };
  if (input.kind === "time-limits") {
    const limits = value as Record<"viewer" | "editor" | "admin", number>;
    return { kind: "time-limits", text: { viewer: String(limits.viewer), editor: String(limits.editor), admin: String(limits.admin) } };
  }
  const rules = value as BucketRules;
  // Named buckets first (as stored), the "*" fallback last and always present.
  const named = Object.entries(rules).filter(([bucket]) => bucket !== "*");
  const fallback = rules["*"] ?? { read: "none" as const, write: "none" as const };
  return {
    kind: "bucket-rules",
    rows: [
      ...named.map(([bucket, rule]) => ({
        id: newRowId(),
        bucket,
        read: rule.read,
        write: rule.write,
        maxUploadMB: rule.maxUploadMB === undefined ? "" : String(rule.maxUploadMB),
      })),
      { id: "fallback", bucket: "*", read: fallback.read, write: fallback.write, maxUploadMB: fallback.maxUploadMB === undefined ? "" : String(fallback.maxUploadMB) },
    ],
  };
}

/** Compares drafts by what they mean (row ids aside). */
export function sameDraft(a: Draft, b: Draft): boolean {
  const plain = (d: Draft) => (d.kind === "bucket-rules" ? d.rows.map(({ id: _id, ...rest }) => rest) : d.text);
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

export function rulesOf(rows: RuleRow[]): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const row of rows) {
    const bucket = row.bucket.trim();
    const max = row.maxUploadMB.trim();
    rules[bucket] = max === "" ? { read: row.read, write: row.write } : { read: row.read, write: row.write, maxUploadMB: Number(max) };
  }
  return rules;
}

export function parseDraft(key: SettingKey, draft: Draft): Parsed {
  const schema = SETTINGS[key].schema;
  if (draft.kind === "number") {
    const parsed = schema.safeParse(draft.text.trim() === "" ? undefined : draft.text.trim());
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: { value: [parsed.error.issues[0]?.message ?? "is not valid"] } };
  }
  if (draft.kind === "time-limits") {
    const parsed = schema.safeParse(Object.fromEntries(Object.entries(draft.text).map(([role, text]) => [role, text.trim() === "" ? undefined : text.trim()])));
    if (parsed.success) return { ok: true, value: parsed.data };
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "value")] ??= []).push(issue.message);
    return { ok: false, errors };
  }
  // Bucket rules: each row checked on its own (so the message sits beside it), then the names.
  const errors: Record<string, string[]> = {};
  const seen = new Map<string, string>();
  for (const row of draft.rows) {
    const bucket = row.bucket.trim();
    const problems = bucketRuleProblems(rulesOf([row]));
    if (seen.has(bucket) && bucket !== "") problems.push(`"${bucket}" has two rules; keep one`);
    seen.set(bucket, row.id);
    if (problems.length) errors[row.id] = problems;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = schema.safeParse(rulesOf(draft.rows));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: { rules: parsed.error.issues.map((i) => i.message) } };
}

export const LEVEL_LABELS: Record<BucketAccessLevel, string> = { viewer: "viewer", editor: "editor", admin: "admin", none: "none (nobody)" };
export { BUCKET_ACCESS_LEVELS };
