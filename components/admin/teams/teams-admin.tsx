"use client";
// Admin › Teams: named groups of users. The list on the left (or on top, on a phone), the chosen
// team's members and settings beside it, and the single sign-on team sync below.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Search, UsersRound } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { cx } from "@/components/lib/cx";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { Button, focusRing } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input } from "@/components/ui/form";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import { KeysetPager, useKeysetPages } from "@/components/alerts/keyset-pager";
import { TeamDetail } from "./team-detail";
import { TeamSync } from "./team-sync";

export const panel = "rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900";

export function TeamsAdmin() {
  const trpc = useTRPC();
  const [searchText, setSearchText] = useState("");
  const search = useDebouncedValue(searchText.trim(), 250);
  // Keyset pages of 50 in name order; a new search starts again at the first page.
  const pages = useKeysetPages<string>();
  const [pagedSearch, setPagedSearch] = useState(search);
  if (pagedSearch !== search) {
    setPagedSearch(search);
    pages.newest();
  }
  const after = pagedSearch === search ? pages.before : undefined;
  const list = useQuery(trpc.teams.list.queryOptions({ ...(search ? { search } : {}), ...(after ? { after } : {}) }, { placeholderData: (previous) => previous }));
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const current = selected ?? list.data?.teams[0]?.id ?? null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Teams</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Groups of users that can own datasets. Members come from here or from single sign-on.</p>
        </div>
        <Button variant="primary" onClick={() => setCreating(true)}>
          <Plus aria-hidden className="size-4" /> New team
        </Button>
      </div>

      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <section aria-label="Teams" className={cx(panel, "p-3")}>
          <label htmlFor="team-search" className="sr-only">
            Search teams
          </label>
          <div className="relative mb-2">
            <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
            <Input id="team-search" type="search" placeholder="Search teams" value={searchText} onChange={(e) => setSearchText(e.target.value)} className="pl-9" />
          </div>
          {list.isPending ? (
            <SkeletonRows label="Loading the teams" rows={4} height="h-10" />
          ) : list.isError ? (
            <QueryError error={list.error} onRetry={() => void list.refetch()} compact />
          ) : list.data.teams.length === 0 ? (
            <p className="px-2 py-6 text-center text-sm text-slate-500 dark:text-slate-400">{search ? "No team matches." : "No teams yet."}</p>
          ) : (
            <>
              <p className="px-2 pb-1 text-xs text-slate-500 tabular-nums dark:text-slate-400" aria-live="polite">
                {list.data.total.toLocaleString()} team{list.data.total === 1 ? "" : "s"}
                {search ? " match" : ""}
              </p>
              <ul className="space-y-1" aria-label="Teams list" aria-busy={list.isPlaceholderData}>
                {list.data.teams.map((team) => (
                  <li key={team.id}>
                    <button
                      type="button"
                      aria-current={team.id === current ? "true" : undefined}
                      onClick={() => setSelected(team.id)}
                      className={cx(
                        "flex w-full items-center justify-between gap-2 rounded-md px-3 py-2 text-left text-sm",
                        focusRing,
                        team.id === current
                          ? "bg-sky-50 text-sky-900 dark:bg-sky-950/60 dark:text-sky-100"
                          : "text-slate-800 hover:bg-slate-50 dark:text-slate-200 dark:hover:bg-slate-800/60",
                      )}
                    >
                      <span className="min-w-0 truncate font-medium">{team.name}</span>
                      <span className="shrink-0 text-xs text-slate-500 tabular-nums dark:text-slate-400" aria-label={`${team.memberCount} members`}>
                        {team.memberCount}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              <KeysetPager
                label="Teams pages"
                page={pages.page}
                hasOlder={list.data.next !== null}
                busy={list.isPlaceholderData}
                onOlder={() => list.data?.next && pages.older(list.data.next)}
                onNewer={pages.newer}
                newerLabel="Previous"
                olderLabel="Next"
              />
            </>
          )}
        </section>

        <div>
          {current ? (
            <TeamDetail key={current} teamId={current} onDeleted={() => setSelected(null)} />
          ) : (
            !list.isPending && (
              <div className={panel}>
                <EmptyState icon={UsersRound} title="No team chosen" action={<Button onClick={() => setCreating(true)}>New team</Button>}>
                  Create a team, add its members, then make it the owner of datasets in the catalog.
                </EmptyState>
              </div>
            )
          )}
        </div>
      </div>

      <TeamSync />
      <CreateTeamDialog open={creating} onClose={() => setCreating(false)} onCreated={(id) => (setSelected(id), setCreating(false))} />
    </div>
  );
}

function CreateTeamDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.teams.create.mutationOptions({
      // Closes at once; the list refreshes behind it (waiting for the refetch kept the dialog open
      // for as long as the list took to load).
      onSuccess: (team) => {
        setName("");
        setDescription("");
        onCreated(team.id);
        void queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() });
      },
    }),
  );
  const errors = create.isError ? fieldErrors(create.error) : {};
  return (
    <Dialog
      open={open}
      onClose={() => (onClose(), create.reset())}
      title="New team"
      onSubmit={() => create.mutate({ name, description })}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Create team
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <Field label="Name" errors={errors.name} hint="Shown as the owner of datasets. Letters, digits, spaces and . _ & -.">
          {(p) => <Input {...p} data-autofocus value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Description" errors={errors.description}>
          {(p) => <Input {...p} value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        {create.isError && !Object.keys(errors).length && <p className="text-sm text-red-700 dark:text-red-400">{errorMessage(create.error)}</p>}
      </div>
    </Dialog>
  );
}
