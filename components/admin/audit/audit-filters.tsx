"use client";
// The audit log's filters: actor (suggested from the users), action (grouped known actions),
// outcome, a UTC date range and part of the subject. Text fields update the URL once typing
// pauses; the selects and dates at once.
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { Input, Select } from "@/components/ui/form";
import { AUDIT_ACTION_GROUPS, AUDIT_OUTCOMES } from "@/lib/audit/known-actions";
import type { AuditParams } from "./types";

const labelClass = "block text-xs font-medium text-slate-600 dark:text-slate-400";

/** A text filter: local while typing, then `onCommit` after a pause (and when the URL changes it). */
function useCommittedText(value: string, onCommit: (v: string) => void): [string, (v: string) => void] {
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    // The URL changed from elsewhere (Clear filters, back button): show its value.
    setLastValue(value);
    setText(value);
  }
  const debounced = useDebouncedValue(text.trim(), 300);
  useEffect(() => {
    if (debounced !== value) onCommit(debounced);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- commit only when the typed text settles, not when the URL catches up
  }, [debounced]);
  return [text, setText];
}

export function AuditFilters({ params, onChange }: { params: AuditParams; onChange: (patch: AuditParams) => void }) {
  const trpc = useTRPC();
  const [actor, setActor] = useCommittedText(params.actor ?? "", (v) => onChange({ actor: v }));
  const [subject, setSubject] = useCommittedText(params.subject ?? "", (v) => onChange({ subject: v }));
  const actorSearch = useDebouncedValue(actor.trim(), 200);
  const actors = useQuery(trpc.audit.actors.queryOptions({ search: actorSearch }));

  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6">
      <div className="space-y-1.5 lg:col-span-1">
        <label htmlFor="audit-actor" className={labelClass}>
          Actor
        </label>
        <Input
          id="audit-actor"
          list="audit-actors"
          placeholder="e-mail, or system"
          autoComplete="off"
          spellCheck={false}
          value={actor}
          onChange={(e) => setActor(e.target.value)}
        />
        <datalist id="audit-actors">
          <option value="system">Sign-in attempts and the portal itself</option>
          {actors.data?.map((u) => (
            <option key={u.email} value={u.email}>
              {u.name}
            </option>
          ))}
        </datalist>
      </div>
      <div className="space-y-1.5 lg:col-span-1">
        <label htmlFor="audit-action" className={labelClass}>
          Action
        </label>
        <Select id="audit-action" value={params.action ?? ""} onChange={(e) => onChange({ action: e.target.value })}>
          <option value="">All actions</option>
          {AUDIT_ACTION_GROUPS.map((group) => (
            <optgroup key={group.id} label={group.label}>
              <option value={`group:${group.id}`}>All: {group.label.toLowerCase()}</option>
              {group.actions.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label} ({a.value})
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
      </div>
      <div className="space-y-1.5 lg:col-span-1">
        <label htmlFor="audit-outcome" className={labelClass}>
          Outcome
        </label>
        <Select id="audit-outcome" value={params.outcome ?? ""} onChange={(e) => onChange({ outcome: e.target.value })}>
          <option value="">Any outcome</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="audit-from" className={labelClass}>
          From (UTC day)
        </label>
        <Input id="audit-from" type="date" value={params.from ?? ""} max={params.to} onChange={(e) => onChange({ from: e.target.value })} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="audit-to" className={labelClass}>
          To (UTC day, inclusive)
        </label>
        <Input id="audit-to" type="date" value={params.to ?? ""} min={params.from} onChange={(e) => onChange({ to: e.target.value })} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="audit-subject" className={labelClass}>
          Subject contains
        </label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
          <Input id="audit-subject" type="search" placeholder="e-mail, name or id" value={subject} onChange={(e) => setSubject(e.target.value)} className="pl-9" />
        </div>
      </div>
    </div>
  );
}
