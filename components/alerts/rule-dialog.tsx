"use client";
// "New rule": what to watch (failed, late, stale), where (a job, a namespace, a tag), and which
// channels and teams hear about it (a team's alerts go to its own channel, set in Admin › Teams).
// Field messages come from the server's checks.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { Field, Input, Select } from "@/components/ui/form";
import { CreateDialog } from "./create-dialog";
import { RULE_KIND_LABELS, SCOPE_HINTS, SCOPE_LABELS } from "./labels";

type ChosenTeam = { id: string; name: string; channelName: string | null };
type Draft = { name: string; kind: string; scopeKind: string; scopeValue: string; deadline: string; channelIds: string[]; teams: ChosenTeam[] };
const EMPTY: Draft = { name: "", kind: "job_failed", scopeKind: "namespace", scopeValue: "", deadline: "", channelIds: [], teams: [] };
const FIELDS = ["name", "kind", "scopeKind", "scopeValue", "deadline", "channelIds", "teamIds"] as const;

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
        teamIds: draft.teams.map((t) => t.id),
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
          <TeamPicker chosen={draft.teams} onChange={(teams) => setDraft({ ...draft, teams })} errors={errors.teamIds} />
        </>
      )}
    </CreateDialog>
  );
}

/** Teams to notify: a search over the teams (the server answers at most 50), chosen ones as chips. */
function TeamPicker({ chosen, onChange, errors }: { chosen: ChosenTeam[]; onChange: (teams: ChosenTeam[]) => void; errors?: string[] }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const teams = useQuery(trpc.alerts.recipientTeams.queryOptions({ search: search.trim() || undefined }, { placeholderData: (previous) => previous }));
  const offered = (teams.data ?? []).filter((t) => !chosen.some((c) => c.id === t.id));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Teams</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">A team hears through its own alert channel (Admin › Teams); its members are named in the message.</p>
      {chosen.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Chosen teams">
          {chosen.map((t) => (
            <li key={t.id} className="inline-flex items-center gap-1 rounded-full bg-sky-100 py-0.5 pr-1 pl-2 text-xs text-sky-800 dark:bg-sky-950 dark:text-sky-300">
              {t.name}
              {!t.channelName && <span className="text-amber-700 dark:text-amber-400">(no channel)</span>}
              <button
                type="button"
                className="rounded-full p-0.5 hover:bg-sky-200 focus-visible:outline-2 dark:hover:bg-sky-900"
                aria-label={`Remove team ${t.name}`}
                onClick={() => onChange(chosen.filter((c) => c.id !== t.id))}
              >
                <X aria-hidden className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="grid gap-2 sm:grid-cols-2">
        <Input aria-label="Search teams" placeholder="Search teams" value={search} onChange={(e) => setSearch(e.target.value)} />
        <Select
          aria-label="Add a team"
          value=""
          disabled={offered.length === 0}
          onChange={(e) => {
            const team = offered.find((t) => t.id === e.target.value);
            if (team) onChange([...chosen, team]);
          }}
        >
          <option value="">{teams.isError ? "Teams could not be loaded" : !teams.data ? "Loading teams…" : offered.length ? "Add a team…" : "No (more) teams"}</option>
          {offered.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
              {t.channelName ? ` → ${t.channelName}` : " (no alert channel)"}
            </option>
          ))}
        </Select>
      </div>
      {errors && <p className="text-xs text-red-700 dark:text-red-400">{errors.join(" ")}</p>}
    </fieldset>
  );
}
