"use client";
// Team sync from single sign-on: the claim that lists a user's groups and an optional prefix.
// At every SSO sign-in the groups become the user's synced memberships; memberships added by hand
// are never removed by the sync.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { cx } from "@/components/lib/cx";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/form";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { RouterOutputs } from "@/server/api/root";
import { panel } from "./teams-admin";

type Settings = RouterOutputs["teams"]["syncSettings"];

export function TeamSync() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.teams.syncSettings.queryOptions());
  return (
    <section aria-labelledby="team-sync" className={cx(panel, "p-4 sm:p-6")}>
      <h2 id="team-sync" className="text-base font-semibold text-slate-900 dark:text-white">
        Team sync from single sign-on
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-600 dark:text-slate-400">
        At every sign-in through single sign-on, the groups in this claim become the user&apos;s teams (teams that do not exist yet are created). Only memberships that came from
        single sign-on are removed when a group disappears; members added by hand stay.
      </p>
      {settings.isPending ? (
        <SkeletonRows label="Loading the team sync settings" rows={2} height="h-10" />
      ) : settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} compact />
      ) : (
        <SyncForm key={settings.data.version} settings={settings.data} />
      )}
    </section>
  );
}

function SyncForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [claim, setClaim] = useState(settings.claim);
  const [prefix, setPrefix] = useState(settings.prefix);
  const save = useMutation(trpc.teams.updateSync.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(trpc.teams.syncSettings.queryKey(), data) }));
  const errors = save.isError ? fieldErrors(save.error) : {};
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ enabled, claim, prefix, version: settings.version });
      }}
    >
      <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
        <input type="checkbox" className="size-4 accent-sky-600" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Sync teams at single sign-on
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Groups claim" errors={errors.claim} hint="e.g. groups, or realm_access.groups for a nested claim">
          {(p) => <Input {...p} value={claim} spellCheck={false} className="font-mono" onChange={(e) => setClaim(e.target.value)} />}
        </Field>
        <Field label="Only groups starting with (optional)" errors={errors.prefix} hint="e.g. portal- : the group portal-analytics becomes the team analytics">
          {(p) => <Input {...p} value={prefix} spellCheck={false} className="font-mono" onChange={(e) => setPrefix(e.target.value)} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" pending={save.isPending}>
          Save team sync
        </Button>
        {settings.updatedBy && <span className="text-xs text-slate-500 dark:text-slate-400">Last changed by {settings.updatedBy}</span>}
      </div>
      {save.isError && !Object.keys(errors).length && <Alert tone="error">{errorMessage(save.error)}</Alert>}
    </form>
  );
}
