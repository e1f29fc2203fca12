"use client";
// Admin › Audit log: who changed what, when. Filters and the page position are in the URL; pages
// are keyset pages (Newer / Older); the export downloads the whole filtered log as CSV or NDJSON.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight, Download, LoaderCircle, ScrollText, Search } from "lucide-react";
import { useUrlState } from "@/components/lib/use-url-state";
import { useTRPC } from "@/components/trpc/react";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ListPanel } from "@/components/ui/list-panel";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { auditListInput, auditParamsOf, exportHref, isFiltered, type AuditParams } from "./types";

/** A keyset page position: dropped when a filter changes, as it belongs to the old result. */
const PAGE_POSITION = ["cursor", "dir"];

export function AuditLog() {
  const trpc = useTRPC();
  const url = useUrlState({ resetKeys: PAGE_POSITION });
  const params = auditParamsOf(new URLSearchParams(url.params.toString()));
  const filtered = isFiltered(params);

  /** Sets parameters (empty removes them); a filter change starts again at the newest events. */
  const update = (patch: AuditParams, keepPosition = false) => url.set(patch, { keepCursor: keepPosition });

  const list = useQuery(trpc.audit.list.queryOptions(auditListInput(params), { placeholderData: keepPreviousData }));

  return (
    <div className="space-y-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Audit log</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Sign-ins and changes to users, teams, settings, connections and tokens, newest first.</p>
        </div>
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Export the filtered log">
          <a href={exportHref(params, "csv")} download className={buttonClasses({ size: "sm" })}>
            <Download aria-hidden className="size-4" /> Export CSV
          </a>
          <a href={exportHref(params, "ndjson")} download className={buttonClasses({ size: "sm" })}>
            <Download aria-hidden className="size-4" /> Export NDJSON
          </a>
        </div>
      </div>

      <AuditFilters params={params} onChange={(patch) => update(patch)} />
      <div className="flex min-h-5 items-center gap-3 text-sm">
        {filtered && (
          <button
            type="button"
            className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
            onClick={() => update({ actor: "", action: "", outcome: "", from: "", to: "", subject: "" })}
          >
            Clear filters
          </button>
        )}
        {list.isFetching && !list.isPending && <LoaderCircle aria-label="Updating the list" className="size-4 animate-spin text-slate-400" />}
      </div>

      <ListPanel
        query={list}
        pending={<AuditTable events={undefined} />}
        isEmpty={(data) => data.events.length === 0}
        empty={
          <EmptyState
            icon={filtered ? Search : ScrollText}
            title={filtered ? "No events match" : "No events yet"}
            action={filtered ? <Button onClick={() => update({ actor: "", action: "", outcome: "", from: "", to: "", subject: "" })}>Clear filters</Button> : undefined}
          >
            {filtered ? "Try another action, a wider date range or fewer filters." : "Sign-ins and administrative changes will show up here."}
          </EmptyState>
        }
        footer={(data) => (
          <nav aria-label="Audit log pages" className="flex items-center justify-between gap-3">
            <Button size="sm" disabled={!data.hasNewer} onClick={() => update({ cursor: data.newerCursor ?? "", dir: "newer" }, true)}>
              <ChevronLeft aria-hidden className="size-4" /> Newer
            </Button>
            {data.hasNewer && (
              <button type="button" className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400" onClick={() => update({})}>
                Newest
              </button>
            )}
            <Button size="sm" disabled={!data.hasOlder} onClick={() => update({ cursor: data.olderCursor ?? "", dir: "older" }, true)}>
              Older <ChevronRight aria-hidden className="size-4" />
            </Button>
          </nav>
        )}
        reportStaleError
      >
        {(data) => <AuditTable events={data.events} />}
      </ListPanel>
    </div>
  );
}
