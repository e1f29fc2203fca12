"use client";
// "New rule": what to watch (failed, late, stale), where (a job, a namespace, a tag), and which
// channels hear about it. Field messages come from the server's checks.
import { useTRPC } from "@/components/trpc/react";
import { Field, Input, Select } from "@/components/ui/form";
import { CreateDialog } from "./create-dialog";
import { RULE_KIND_LABELS, SCOPE_HINTS, SCOPE_LABELS } from "./labels";

type Draft = { name: string; kind: string; scopeKind: string; scopeValue: string; deadline: string; channelIds: string[] };
const EMPTY: Draft = { name: "", kind: "job_failed", scopeKind: "namespace", scopeValue: "", deadline: "", channelIds: [] };
const FIELDS = ["name", "kind", "scopeKind", "scopeValue", "deadline", "channelIds"] as const;

export function RuleDialog({ open, onClose, channels }: { open: boolean; onClose: () => void; channels: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  return (
    <CreateDialog
      open={open}
      onClose={onClose}
      title="New alert rule"
      submitLabel="Create rule"
      empty={EMPTY}
      fields={FIELDS}
      refresh={trpc.alerts.rules.queryKey()}
      mutationOptions={(handlers) => trpc.alerts.createRule.mutationOptions(handlers)}
      toInput={(draft) => ({
        name: draft.name,
        kind: draft.kind as "job_failed",
        scopeKind: draft.scopeKind as "job",
        scopeValue: draft.scopeValue,
        deadline: draft.kind === "job_late" && draft.deadline ? draft.deadline : null,
        channelIds: draft.channelIds,
      })}
    >
      {({ draft, setDraft, errors }) => (
        <>
          <Field label="Name" errors={errors.name}>
            {(p) => <Input {...p} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-autofocus />}
          </Field>
          <Field label="When" errors={errors.kind}>
            {(p) => (
              <Select {...p} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
                {Object.entries(RULE_KIND_LABELS).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {draft.kind === "job_late" && (
            <Field label="Deadline (UTC, daily)" hint="Empty: the job's usual cadence decides when it is late." errors={errors.deadline}>
              {(p) => <Input {...p} placeholder="06:00" value={draft.deadline} onChange={(e) => setDraft({ ...draft, deadline: e.target.value })} />}
            </Field>
          )}
          <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
            <Field label="Scope" errors={errors.scopeKind}>
              {(p) => (
                <Select {...p} value={draft.scopeKind} onChange={(e) => setDraft({ ...draft, scopeKind: e.target.value })}>
                  {Object.entries(SCOPE_LABELS).map(([k, label]) => (
                    <option key={k} value={k}>
                      {label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={SCOPE_LABELS[draft.scopeKind] ?? "Scope"} hint={SCOPE_HINTS[draft.scopeKind]} errors={errors.scopeValue}>
              {(p) => <Input {...p} value={draft.scopeValue} onChange={(e) => setDraft({ ...draft, scopeValue: e.target.value })} />}
            </Field>
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Channels</legend>
            {channels.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">No channels yet: the rule records alerts in the history only.</p>}
            {channels.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 dark:border-slate-600"
                  checked={draft.channelIds.includes(c.id)}
                  onChange={(e) => setDraft({ ...draft, channelIds: e.target.checked ? [...draft.channelIds, c.id] : draft.channelIds.filter((id) => id !== c.id) })}
                />
                {c.name}
              </label>
            ))}
            {errors.channelIds && <p className="text-xs text-red-700 dark:text-red-400">{errors.channelIds.join(" ")}</p>}
          </fieldset>
        </>
      )}
    </CreateDialog>
  );
}
