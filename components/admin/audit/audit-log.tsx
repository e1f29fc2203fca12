"use client";
// Admin › Audit log: every security-relevant event, newest first, filtered by action prefix and
// subject (usually an e-mail).
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { LoaderCircle, ScrollText, Search } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { OutcomeBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/form";
import { ListPanel } from "@/components/ui/list-panel";
import { LocalTime } from "@/components/ui/local-time";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { AUDIT_PAGE_SIZE, auditListInput, KNOWN_ACTIONS, type AuditRow } from "./types";

export function AuditLog() {
  const trpc = useTRPC();
  const [actionText, setActionText] = useState("");
  const [subjectText, setSubjectText] = useState("");
  const action = useDebouncedValue(actionText.trim(), 300);
  const subject = useDebouncedValue(subjectText.trim(), 300);
  const filterKey = `${action}\u0000${subject}`;
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;

  const list = useQuery(trpc.audit.list.queryOptions(auditListInput({ action, subject, page }), { placeholderData: keepPreviousData }));
  const filtered = Boolean(action || subject);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Sign-ins and administrative changes, newest first.</p>
      </div>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="space-y-1.5 sm:w-64">
          <label htmlFor="audit-action" className="block text-xs font-medium text-slate-600 dark:text-slate-400">
            Action starts with
          </label>
          <Input
            id="audit-action"
            list="audit-actions"
            placeholder="e.g. auth. or user.created"
            autoComplete="off"
            spellCheck={false}
            value={actionText}
            onChange={(e) => setActionText(e.target.value)}
            className="font-mono"
          />
        </div>
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </datalist>
        <div className="space-y-1.5 sm:w-72">
          <label htmlFor="audit-subject" className="block text-xs font-medium text-slate-600 dark:text-slate-400">
            Subject contains
          </label>
          <div className="relative">
            <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
            <Input id="audit-subject" type="search" placeholder="e-mail or part of it" value={subjectText} onChange={(e) => setSubjectText(e.target.value)} className="pl-9" />
          </div>
        </div>
        <span className="hidden h-10 w-4 items-center sm:flex">
          {list.isFetching && !list.isPending && <LoaderCircle aria-label="Updating the list" className="size-4 animate-spin text-slate-400" />}
        </span>
      </div>

      <ListPanel
        query={list}
        pending={<AuditTable events={undefined} />}
        isEmpty={(data) => data.total === 0}
        empty={
          <EmptyState
            icon={filtered ? Search : ScrollText}
            title={filtered ? "No events match" : "No events yet"}
            action={
              filtered ? (
                <Button
                  onClick={() => {
                    setActionText("");
                    setSubjectText("");
                  }}
                >
                  Clear filters
                </Button>
              ) : undefined
            }
          >
            {filtered ? "Try a shorter action prefix or another subject." : "Sign-ins and changes to users will show up here."}
          </EmptyState>
        }
        footer={(data) => <Pagination label="Audit log pages" page={page} pageSize={AUDIT_PAGE_SIZE} total={data.total} onPageChange={(p) => setPaging({ filterKey, page: p })} />}
        reportStaleError
      >
        {(data) => <AuditTable events={data.events} />}
      </ListPanel>
    </div>
  );
}

/** The events, or (undefined) skeleton rows under the same header while the first page loads. */
function AuditTable({ events }: { events: AuditRow[] | undefined }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[56rem] text-left text-sm">
        <caption className="sr-only">Audit events</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:bg-slate-900/80 dark:text-slate-400">
          <tr>
            {["Time", "Actor", "Action", "Subject", "Outcome", "IP", "Details"].map((h) => (
              <th key={h} scope="col" className="px-4 py-3 whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {!events ? Array.from({ length: 8 }, (_, i) => <SkeletonRow key={i} />) : events.map((event) => <EventRow key={event.id} event={event} />)}
        </tbody>
      </table>
    </div>
  );
}

function EventRow({ event }: { event: AuditRow }) {
  const details = detailEntries(event.details);
  return (
    <tr className="hover:bg-slate-50/60 dark:hover:bg-slate-800/30">
      <td className="px-4 py-2.5 whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-400">
        <LocalTime value={event.at} format="precise" />
      </td>
      <td className="max-w-52 truncate px-4 py-2.5 text-slate-800 dark:text-slate-200" title={event.actorEmail ?? undefined}>
        {event.actorEmail ?? (
          <span className="text-slate-400 dark:text-slate-500" title="No signed-in user (a sign-in attempt or the system)">
            —
          </span>
        )}
      </td>
      <td className="px-4 py-2.5 font-mono text-xs whitespace-nowrap text-slate-800 dark:text-slate-200">{event.action}</td>
      <td className="max-w-72 truncate px-4 py-2.5 text-slate-800 dark:text-slate-200" title={event.subject ?? undefined}>
        {event.subject ?? <span className="text-slate-400 dark:text-slate-500">—</span>}
      </td>
      <td className="px-4 py-2.5">
        <OutcomeBadge outcome={event.outcome} />
      </td>
      <td className="px-4 py-2.5 whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-400">{event.ip ?? <span className="text-slate-400 dark:text-slate-500">—</span>}</td>
      <td className="px-4 py-2.5 text-xs text-slate-600 dark:text-slate-400" title={event.details ? JSON.stringify(event.details) : undefined}>
        {details.length ? (
          <ul className="flex flex-wrap gap-1">
            {details.map(([key, value]) => (
              <li key={key} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono whitespace-nowrap dark:bg-slate-800">
                <span className="text-slate-500 dark:text-slate-400">{key}:</span> <span className="text-slate-800 dark:text-slate-200">{value}</span>
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-400 dark:text-slate-500">—</span>
        )}
      </td>
    </tr>
  );
}

/** The details as short "key: value" pairs; ids are left to the tooltip with the full JSON. */
function detailEntries(details: unknown): [string, string][] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return details == null ? [] : [["value", JSON.stringify(details)]];
  return Object.entries(details as Record<string, unknown>)
    .filter(([key]) => key !== "userId")
    .map(([key, value]) => {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return [key, text.length > 80 ? `${text.slice(0, 79)}…` : text];
    });
}

function SkeletonRow() {
  return (
    <tr>
      {["w-36", "w-40", "w-28", "w-40", "w-16", "w-20", "w-32"].map((w, i) => (
        <td key={i} className="px-4 py-3">
          <Skeleton className={`h-4 ${w}`} />
        </td>
      ))}
    </tr>
  );
}
