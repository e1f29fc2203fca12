"use client";
// One team: rename and describe it, choose the alert channel rules naming the team send to, add members by e-mail, remove them (a synced member is marked
// and may come back at their next sign-in), delete the team with its name typed again.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Trash2, UserMinus, UserPlus } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { cx } from "@/components/lib/cx";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/form";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { RouterOutputs } from "@/server/api/root";
import { panel } from "./teams-admin";

type Team = RouterOutputs["teams"]["get"];

export function TeamDetail({ teamId, onDeleted }: { teamId: string; onDeleted: () => void }) {
  const trpc = useTRPC();
  const team = useQuery(trpc.teams.get.queryOptions({ teamId }));
  if (team.isPending) return <SkeletonRows label="Loading the team" rows={5} height="h-10" />;
  if (team.isError) return <QueryError error={team.error} onRetry={() => void team.refetch()} />;
  return <TeamPanels team={team.data} onDeleted={onDeleted} />;
}

function useTeamRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async (team: Team) => {
    queryClient.setQueryData(trpc.teams.get.queryKey({ teamId: team.id }), team);
    await queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() });
  };
}

function TeamPanels({ team, onDeleted }: { team: Team; onDeleted: () => void }) {
  return (
    <div className="space-y-6">
      <TeamSettings team={team} />
      <Members team={team} />
      <DeleteTeam team={team} onDeleted={onDeleted} />
    </div>
  );
}

function TeamSettings({ team }: { team: Team }) {
  const trpc = useTRPC();
  const refresh = useTeamRefresh();
  const [name, setName] = useState(team.name);
  const [description, setDescription] = useState(team.description);
  const [alertChannelId, setAlertChannelId] = useState(team.alertChannelId ?? "");
  const channels = useQuery(trpc.alerts.channels.queryOptions());
  const update = useMutation(trpc.teams.update.mutationOptions({ onSuccess: refresh }));
  const errors = update.isError ? fieldErrors(update.error) : {};
  const changed = name.trim() !== team.name || description.trim() !== team.description || alertChannelId !== (team.alertChannelId ?? "");
  return (
    <section aria-labelledby="team-settings" className={cx(panel, "p-4 sm:p-6")}>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="team-settings" className="text-lg font-semibold text-slate-900 dark:text-white">
          {team.name}
        </h2>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Owner reference <code className="rounded bg-slate-100 px-1 py-0.5 dark:bg-slate-800">team:{team.slug}</code> · owns {team.ownedDatasets} dataset
          {team.ownedDatasets === 1 ? "" : "s"}
        </p>
      </div>
      <form
        className="grid gap-4 sm:grid-cols-2 sm:items-start lg:grid-cols-[1fr_2fr_1fr_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ teamId: team.id, name, description, alertChannelId: alertChannelId || null });
        }}
      >
        <Field label="Team name" errors={errors.name}>
          {(p) => <Input {...p} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Description" errors={errors.description}>
          {(p) => <Input {...p} value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <Field label="Alert channel" hint="Where alert rules that name this team send." errors={errors.alertChannelId}>
          {(p) => (
            <Select {...p} value={alertChannelId} onChange={(e) => setAlertChannelId(e.target.value)} disabled={!channels.data}>
              <option value="">{channels.isError ? "Channels could not be loaded" : "None"}</option>
              {channels.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" className="sm:mt-7" disabled={!changed} pending={update.isPending}>
          Save
        </Button>
      </form>
      {update.isError && !Object.keys(errors).length && <Alert tone="error">{errorMessage(update.error)}</Alert>}
      {update.isSuccess && !changed && (
        <p role="status" className="mt-2 text-sm text-emerald-700 dark:text-emerald-400">
          Saved.
        </p>
      )}
    </section>
  );
}

function Members({ team }: { team: Team }) {
  const trpc = useTRPC();
  const refresh = useTeamRefresh();
  const [email, setEmail] = useState("");
  const add = useMutation(trpc.teams.addMembers.mutationOptions({ onSuccess: async (t) => (setEmail(""), await refresh(t)) }));
  const remove = useMutation(trpc.teams.removeMember.mutationOptions({ onSuccess: refresh }));
  const errors = add.isError ? fieldErrors(add.error) : {};
  return (
    <section aria-labelledby="team-members" className={panel}>
      <div className="border-b border-slate-200 p-4 sm:px-6 dark:border-slate-800">
        <h2 id="team-members" className="text-base font-semibold text-slate-900 dark:text-white">
          Members <span className="font-normal text-slate-500 dark:text-slate-400">({team.members.length})</span>
        </h2>
        <form
          className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-start"
          onSubmit={(e) => {
            e.preventDefault();
            const emails = email
              .split(/[\s,;]+/)
              .map((v) => v.trim())
              .filter(Boolean);
            if (emails.length) add.mutate({ teamId: team.id, emails });
          }}
        >
          <Field label="Add members by e-mail" errors={errors.emails ?? (add.isError && !Object.keys(errors).length ? [errorMessage(add.error)] : undefined)} className="flex-1">
            {(p) => (
              <Input
                {...p}
                type="text"
                inputMode="email"
                autoComplete="off"
                placeholder="ana@example.com, bo@example.com"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" className="sm:mt-7" pending={add.isPending} disabled={!email.trim()}>
            <UserPlus aria-hidden className="size-4" /> Add
          </Button>
        </form>
      </div>
      {team.members.length === 0 ? (
        <p className="p-6 text-center text-sm text-slate-500 dark:text-slate-400">No members yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={`Members of ${team.name}`}>
          {team.members.map((m) => (
            <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5 sm:px-6">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">{m.name}</p>
                <p className="truncate text-xs text-slate-500 dark:text-slate-400">{m.email}</p>
              </div>
              <div className="flex items-center gap-2">
                {m.disabled && <Badge tone="slate">disabled</Badge>}
                <Badge tone={m.source === "oidc" ? "sky" : "slate"}>{m.source === "oidc" ? "from single sign-on" : "added by hand"}</Badge>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove ${m.email} from ${team.name}`}
                  pending={remove.isPending && remove.variables?.userId === m.userId}
                  onClick={() => remove.mutate({ teamId: team.id, userId: m.userId })}
                >
                  <UserMinus aria-hidden className="size-4" />
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {remove.isError && (
        <div className="px-4 pb-4 sm:px-6">
          <Alert tone="error">{errorMessage(remove.error)}</Alert>
        </div>
      )}
    </section>
  );
}

function DeleteTeam({ team, onDeleted }: { team: Team; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const del = useMutation(
    trpc.teams.delete.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() });
        onDeleted();
      },
    }),
  );
  return (
    <>
      <div className="flex justify-end">
        <Button variant="danger" onClick={() => (setTyped(""), del.reset(), setOpen(true))}>
          <Trash2 aria-hidden className="size-4" /> Delete team
        </Button>
      </div>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${team.name}?`}
        size="sm"
        onSubmit={() => del.mutate({ teamId: team.id, confirmName: typed })}
        footer={
          <>
            <Button onClick={() => setOpen(false)} data-autofocus>
              Cancel
            </Button>
            <Button type="submit" variant="danger" pending={del.isPending} disabled={typed.trim() !== team.name}>
              Delete team
            </Button>
          </>
        }
      >
        <div className="space-y-3 text-sm text-slate-700 dark:text-slate-300">
          <p>
            Its {team.members.length} membership{team.members.length === 1 ? "" : "s"} end, and the {team.ownedDatasets} dataset{team.ownedDatasets === 1 ? "" : "s"} it owns lose
            it as an owner. This cannot be undone.
          </p>
          <Field label={`Type ${team.name} to confirm`}>{(p) => <Input {...p} autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />}</Field>
          {del.isError && <Alert tone="error">{errorMessage(del.error)}</Alert>}
        </div>
      </Dialog>
    </>
  );
}
