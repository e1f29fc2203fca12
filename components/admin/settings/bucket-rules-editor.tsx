"use client";
// The bucket access rules as a table: a bucket name (or the "*" fallback for every bucket without
// a rule of its own), the lowest role that may read and write it, and an optional upload limit;
// beside it, what each role may do with the buckets the object store has now, under the rules as
// they stand in the table (before saving).
import { useQuery } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/form";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ROLES } from "@/lib/auth/roles";
import { previewBucketAccess } from "@/lib/settings/bucket-preview";
import { bucketRulesSchema, type BucketAccessLevel } from "@/lib/settings/value-schemas";
import { BUCKET_ACCESS_LEVELS, LEVEL_LABELS, newRowId, rulesOf, type RuleRow } from "./drafts";

const cell = "px-2 py-2 align-top";

export function BucketRulesEditor({
  help,
  rows,
  errors,
  serverErrors,
  onChange,
}: {
  help: string;
  rows: RuleRow[];
  errors: Record<string, string[]>;
  serverErrors?: string[];
  onChange: (rows: RuleRow[]) => void;
}) {
  const set = (id: string, patch: Partial<RuleRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const named = rows.filter((r) => r.id !== "fallback");
  const fallback = rows.find((r) => r.id === "fallback")!;
  const ordered = [...named, fallback];
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">{help}</p>
      {/* relative: the cells' sr-only labels (position: absolute) are contained here too; without
          it they escaped the scroll box and widened a phone's page to 601 px. */}
      <div className="relative overflow-x-auto [contain:inline-size]">
        <table className="w-full min-w-[36rem] text-sm" aria-label="Bucket access rules">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-500 dark:border-slate-700 dark:text-slate-400">
              <th className={cell}>Bucket</th>
              <th className={cell}>Read: lowest role</th>
              <th className={cell}>Write: lowest role</th>
              <th className={cell}>Largest upload (MB)</th>
              <th className={cell}>
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((row, index) => {
              const isFallback = row.id === "fallback";
              const name = isFallback ? "all other buckets" : row.bucket || `rule ${index + 1}`;
              const rowErrors = errors[row.id];
              return (
                <tr key={row.id} className="border-b border-slate-100 dark:border-slate-800">
                  <td className={cell}>
                    {isFallback ? (
                      <span className="inline-flex h-10 items-center font-medium text-slate-800 dark:text-slate-200">
                        <code className="mr-2">*</code> all other buckets
                      </span>
                    ) : (
                      <Input
                        aria-label={`Bucket name of rule ${index + 1}`}
                        aria-invalid={rowErrors ? true : undefined}
                        value={row.bucket}
                        placeholder="bucket-name"
                        onChange={(e) => set(row.id, { bucket: e.target.value })}
                      />
                    )}
                    {rowErrors && (
                      <p className="mt-1 text-xs text-red-700 dark:text-red-400" role="alert">
                        {rowErrors.join("; ")}
                      </p>
                    )}
                  </td>
                  <td className={cell}>
                    <LevelSelect label={`Read access of ${name}`} value={row.read} onChange={(read) => set(row.id, { read })} />
                  </td>
                  <td className={cell}>
                    <LevelSelect label={`Write access of ${name}`} value={row.write} onChange={(write) => set(row.id, { write })} />
                  </td>
                  <td className={cell}>
                    <Input
                      aria-label={`Largest upload of ${name} in MB`}
                      inputMode="numeric"
                      className="w-28"
                      placeholder="default"
                      value={row.maxUploadMB}
                      onChange={(e) => set(row.id, { maxUploadMB: e.target.value })}
                    />
                  </td>
                  <td className={cell}>
                    {!isFallback && (
                      <Button size="sm" variant="ghost" aria-label={`Remove the rule for ${name}`} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
                        <Trash2 className="size-4" aria-hidden />
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {(errors.rules ?? serverErrors) && (
        <p className="text-sm text-red-700 dark:text-red-400" role="alert">
          {(errors.rules ?? serverErrors)!.join("; ")}
        </p>
      )}
      <Button size="sm" onClick={() => onChange([...named, { id: newRowId(), bucket: "", read: "viewer", write: "editor", maxUploadMB: "" }, fallback])}>
        <Plus className="size-4" aria-hidden /> Add a bucket rule
      </Button>
      <RulesPreview rows={rows} />
    </div>
  );
}

function LevelSelect({ label, value, onChange }: { label: string; value: BucketAccessLevel; onChange: (level: BucketAccessLevel) => void }) {
  return (
    <Select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as BucketAccessLevel)}>
      {BUCKET_ACCESS_LEVELS.map((level) => (
        <option key={level} value={level}>
          {LEVEL_LABELS[level]}
        </option>
      ))}
    </Select>
  );
}

function RulesPreview({ rows }: { rows: RuleRow[] }) {
  const trpc = useTRPC();
  const buckets = useQuery(trpc.settings.buckets.queryOptions());
  const parsed = bucketRulesSchema.safeParse(rulesOf(rows));
  return (
    <section aria-labelledby="bucket-preview-title" className="rounded-lg border border-slate-200 p-3 sm:p-4 dark:border-slate-700">
      <h4 id="bucket-preview-title" className="text-sm font-semibold text-slate-900 dark:text-white">
        Preview: who may read and write each bucket
      </h4>
      <p className="text-xs text-slate-500 dark:text-slate-400">Under the rules above, as they stand now (saved or not), for the buckets the object store has.</p>
      <div className="mt-3">
        {buckets.isPending ? (
          <SkeletonRows label="Loading the buckets" rows={3} height="h-8" />
        ) : buckets.isError ? (
          <QueryError error={buckets.error} onRetry={() => void buckets.refetch()} />
        ) : !parsed.success ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Fix the rules above to see the preview.</p>
        ) : buckets.data.buckets.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">The object store ({buckets.data.store}) has no buckets yet.</p>
        ) : (
          <div className="relative overflow-x-auto [contain:inline-size]">
            <table className="w-full min-w-[28rem] text-sm" aria-label="Access preview">
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-500 dark:border-slate-700 dark:text-slate-400">
                  <th className={cell}>Bucket</th>
                  <th className={cell}>Rule</th>
                  {ROLES.map((role) => (
                    <th key={role} className={cell}>
                      {role[0]!.toUpperCase() + role.slice(1)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {previewBucketAccess(parsed.data, buckets.data.buckets).map((p) => (
                  <tr key={p.bucket} className="border-b border-slate-100 dark:border-slate-800">
                    <th scope="row" className={`${cell} text-left font-medium break-all text-slate-800 dark:text-slate-200`}>
                      {p.bucket}
                    </th>
                    <td className={`${cell} text-slate-600 dark:text-slate-400`}>{p.rule === null ? "none: hidden" : p.rule === "*" ? "*" : "own rule"}</td>
                    {ROLES.map((role) => {
                      const r = p.rights[role];
                      const text = r.write ? "read, write" : r.read ? "read" : "hidden";
                      return (
                        <td
                          key={role}
                          className={`${cell} ${r.read ? "text-slate-900 dark:text-slate-100" : "text-slate-400 dark:text-slate-500"}`}
                          data-testid={`preview-${p.bucket}-${role}`}
                        >
                          {text}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
