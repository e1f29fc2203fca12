"use client";
// /pipelines/alerts: what fired (history), the rules and channels (editors add, test and delete
// them, deletes confirmed), and the delivery log with every attempt's answer.
import Link from "next/link";
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell, Plus, Send, Trash2, Webhook } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage } from "@/components/lib/trpc-errors";
import { Section } from "@/components/pipelines/card";
import { PipelinesNav } from "@/components/pipelines/pipelines-nav";
import { runPath } from "@/components/pipelines/paths";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { RouterOutputs } from "@/server/api/root";
import { ChannelDialog } from "./channel-dialog";
import { CHANNEL_KIND_LABELS, DELIVERY_TONES, RULE_KIND_LABELS, SCOPE_LABELS } from "./labels";
import { RuleDialog } from "./rule-dialog";
import { KeysetPager, useKeysetPages } from "./keyset-pager";
import { RunImpactPanel } from "./run-impact-panel";

type Rule = RouterOutputs["alerts"]["rules"][number];
type Channel = RouterOutputs["alerts"]["channels"][number];

const row = "flex flex-wrap items-start justify-between gap-2 py-3";
const muted = "text-xs text-slate-500 dark:text-slate-400";
const pill = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

export function AlertsPage({ canEdit }: { canEdit: boolean }) {
  return (
    <div className="space-y-5">
      <PipelinesNav title="Alerts" />
      <History canNotify={canEdit} />
      <div className="grid gap-5 lg:grid-cols-2">
        <Rules canEdit={canEdit} />
        <Channels canEdit={canEdit} />
      </div>
      <Deliveries />
    </div>
  );
}

type HistoryCursor = { firedAt: Date; id: string };
type DeliveryCursor = { createdAt: Date; id: string };

function History({ canNotify }: { canNotify: boolean }) {
  const trpc = useTRPC();
  const pages = useKeysetPages<HistoryCursor>();
  // Only the newest page follows new alerts; an older page stays put while it is read.
  const query = useQuery({
    ...trpc.alerts.history.queryOptions({ limit: 25, before: pages.before }),
    refetchInterval: pages.page === 1 ? 10_000 : false,
    placeholderData: keepPreviousData,
  });
  const [impactOf, setImpactOf] = useState<string | null>(null);
  return (
    <Section title="Alert history" id="alert-history">
      {query.isError && !query.data ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} compact />
      ) : !query.data ? (
        <SkeletonRows label="Loading alerts" rows={3} height="h-10" />
      ) : query.data.incidents.length === 0 ? (
        <EmptyState icon={Bell} title="No alerts yet">
          Alerts appear here when a rule fires: a failed run, a job that did not finish in time, a stale dataset.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Alerts">
          {query.data.incidents.map((i) => (
            <li key={i.id} className={row}>
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium break-words text-slate-900 dark:text-slate-100">{i.summary}</p>
                <p className={muted}>
                  {RULE_KIND_LABELS[i.kind] ?? i.kind} · rule {i.ruleName ?? "(deleted)"} · <LocalTime value={i.firedAt} />
                  {i.runId && (
                    <>
                      {" · "}
                      <Link className="font-medium text-sky-700 hover:underline dark:text-sky-300" href={runPath(i.runId)}>
                        run
                      </Link>
                    </>
                  )}
                </p>
              </div>
              <span className="flex flex-wrap items-center gap-2">
                {i.kind === "job_late" && (
                  <Button size="sm" variant="ghost" aria-expanded={impactOf === i.id} onClick={() => setImpactOf(impactOf === i.id ? null : i.id)}>
                    {impactOf === i.id ? "Hide impact" : "Impact and owners"}
                  </Button>
                )}
                <DeliverySummary counts={i.deliveries} />
              </span>
              {impactOf === i.id && (
                <div className="basis-full">
                  <RunImpactPanel target={{ incidentId: i.id }} canNotify={canNotify} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <KeysetPager
        label="Alert history pages"
        page={pages.page}
        hasOlder={Boolean(query.data?.next)}
        busy={query.isPlaceholderData}
        onOlder={() => query.data?.next && pages.older(query.data.next)}
        onNewer={pages.newer}
      />
    </Section>
  );
}

function DeliverySummary({ counts }: { counts: Record<string, number> }) {
  const entries = Object.entries(counts);
  if (entries.length === 0) return <span className={muted}>no channel</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {entries.map(([status, n]) => (
        <span key={status} className={`${pill} ${DELIVERY_TONES[status] ?? ""}`}>
          {n} {status}
        </span>
      ))}
    </span>
  );
}

/** A rule's teams: each with the channel its alerts go to; a deleted or channel-less team stands out. */
function RuleTeams({ teams }: { teams: Rule["teams"] }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-1.5" aria-label="Teams notified">
      {teams.map((t) =>
        t.deleted ? (
          <li
            key={t.id}
            className={`${pill} bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300`}
            title="This team was deleted: its alerts go nowhere. Remove it from the rule."
          >
            Deleted team
          </li>
        ) : (
          <li
            key={t.id}
            className={`${pill} ${t.channelName ? "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300" : "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300"}`}
          >
            Team {t.name} {t.channelName ? `→ ${t.channelName}` : "(no alert channel: named in the messages only)"}
          </li>
        ),
      )}
    </ul>
  );
}

function Rules({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.alerts.rules.queryOptions());
  const channels = useQuery(trpc.alerts.channels.queryOptions());
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const remove = useMutation(
    trpc.alerts.deleteRule.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        void queryClient.invalidateQueries({ queryKey: trpc.alerts.rules.queryKey() });
      },
    }),
  );
  const channelName = new Map((channels.data ?? []).map((c) => [c.id, c.name]));
  return (
    <Section
      title="Rules"
      id="alert-rules"
      actions={
        canEdit && (
          <Button size="sm" variant="primary" onClick={() => setCreating(true)}>
            <Plus aria-hidden className="size-4" /> New rule
          </Button>
        )
      }
    >
      {rules.isError && !rules.data ? (
        <QueryError error={rules.error} onRetry={() => void rules.refetch()} compact />
      ) : !rules.data ? (
        <SkeletonRows label="Loading rules" rows={2} height="h-10" />
      ) : rules.data.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No rules. {canEdit ? "Add one to be told when a job fails, runs late or its data goes stale." : "Editors add them."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Rules">
          {rules.data.map((r) => (
            <li key={r.id} className={row}>
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium break-words text-slate-900 dark:text-slate-100">
                  {r.name}
                  {!r.enabled && <span className={`${pill} ml-2 bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300`}>off</span>}
                </p>
                <p className={`${muted} break-all`}>
                  {RULE_KIND_LABELS[r.kind] ?? r.kind}
                  {r.deadline ? ` by ${r.deadline} UTC` : r.kind === "job_late" ? " (usual cadence)" : ""} · {SCOPE_LABELS[r.scopeKind] ?? r.scopeKind} {r.scopeValue} →{" "}
                  {r.channelIds.map((id) => channelName.get(id) ?? "?").join(", ") || (r.teams.length ? "" : "history only")}
                </p>
                {r.teams.length > 0 && <RuleTeams teams={r.teams} />}
              </div>
              {canEdit && (
                <Button size="sm" variant="ghost" aria-label={`Delete rule ${r.name}`} onClick={() => setDeleting(r)}>
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && <RuleDialog open={creating} onClose={() => setCreating(false)} channels={channels.data ?? []} />}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
        title={deleting ? `Delete the rule ${deleting.name}?` : ""}
        confirmLabel="Delete rule"
        tone="danger"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        <p>It stops firing at once. Alerts it already sent stay in the history.</p>
      </ConfirmDialog>
    </Section>
  );
}

function Channels({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const channels = useQuery(trpc.alerts.channels.queryOptions());
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Channel | null>(null);
  const [tested, setTested] = useState<{ id: string; text: string; ok: boolean } | null>(null);
  const refreshLog = () => void queryClient.invalidateQueries({ queryKey: trpc.alerts.deliveries.pathKey() });
  const test = useMutation(
    trpc.alerts.testChannel.mutationOptions({
      onSuccess: (r, input) => {
        const o = r.outcome;
        setTested({
          id: input.id,
          ok: o?.status === "delivered",
          text: o
            ? o.status === "delivered"
              ? `Delivered (HTTP ${o.result.status}).`
              : `${o.result.error ?? "Not delivered."}${o.status === "pending" ? " It will be retried." : ""}`
            : "Queued.",
        });
        refreshLog();
      },
      onError: (err, input) => setTested({ id: input.id, ok: false, text: errorMessage(err) }),
    }),
  );
  const remove = useMutation(
    trpc.alerts.deleteChannel.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        void queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
      },
    }),
  );
  return (
    <Section
      title="Channels"
      id="alert-channels"
      actions={
        canEdit && (
          <Button size="sm" variant="primary" onClick={() => setCreating(true)}>
            <Plus aria-hidden className="size-4" /> New channel
          </Button>
        )
      }
    >
      {channels.isError && !channels.data ? (
        <QueryError error={channels.error} onRetry={() => void channels.refetch()} compact />
      ) : !channels.data ? (
        <SkeletonRows label="Loading channels" rows={2} height="h-10" />
      ) : channels.data.length === 0 ? (
        <EmptyState icon={Webhook} title="No channels">
          {canEdit ? "Add a Slack-compatible or signed JSON webhook." : "Editors add webhooks here."}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Channels">
          {channels.data.map((c) => (
            <li key={c.id} className={row}>
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-slate-900 dark:text-slate-100">{c.name}</p>
                <p className={`${muted} break-all`}>
                  {CHANNEL_KIND_LABELS[c.kind] ?? c.kind} · {c.url}
                </p>
                {tested?.id === c.id && (
                  <p role="status" className={`mt-1 text-xs ${tested.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}>
                    {tested.text}
                  </p>
                )}
              </div>
              {canEdit && (
                <span className="flex gap-1">
                  <Button size="sm" onClick={() => test.mutate({ id: c.id })} pending={test.isPending && test.variables.id === c.id}>
                    <Send aria-hidden className="size-4" /> Send test
                  </Button>
                  <Button size="sm" variant="ghost" aria-label={`Delete channel ${c.name}`} onClick={() => setDeleting(c)}>
                    <Trash2 aria-hidden className="size-4" />
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && <ChannelDialog open={creating} onClose={() => setCreating(false)} />}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
        title={deleting ? `Delete the channel ${deleting.name}?` : ""}
        confirmLabel="Delete channel"
        tone="danger"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        <p>Rules stop sending to it, and messages not yet delivered to it are dropped.</p>
      </ConfirmDialog>
    </Section>
  );
}

function Deliveries() {
  const trpc = useTRPC();
  const pages = useKeysetPages<DeliveryCursor>();
  const query = useQuery({
    ...trpc.alerts.deliveries.queryOptions({ limit: 50, before: pages.before }),
    refetchInterval: pages.page === 1 ? 10_000 : false,
    placeholderData: keepPreviousData,
  });
  const deliveries = query.data?.deliveries;
  return (
    <Section title="Delivery log" id="alert-deliveries">
      {query.isError && !query.data ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} compact />
      ) : !query.data ? (
        <SkeletonRows label="Loading deliveries" rows={3} height="h-10" />
      ) : deliveries!.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Nothing sent yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Deliveries">
          {deliveries!.map((d) => (
            <li key={d.id} className={row}>
              <div className="min-w-0 flex-1">
                <p className="text-sm break-words text-slate-900 dark:text-slate-100">
                  {d.title || d.purpose} <span className={muted}>→ {d.channelName ?? "(deleted channel)"}</span>
                </p>
                <p className={muted}>
                  {d.purpose} · <LocalTime value={d.createdAt} /> · {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                  {d.status === "pending" && d.attempts > 0 && (
                    <>
                      {" "}
                      · next <LocalTime value={d.nextAttemptAt} />
                    </>
                  )}
                </p>
                {d.attemptLog.length > 0 && (
                  <ol className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-400">
                    {d.attemptLog.map((a, n) => (
                      <li key={n} className="break-words">
                        <LocalTime value={a.at} format="precise" />: {a.httpStatus ? `HTTP ${a.httpStatus}` : (a.error ?? "no answer")} ({a.durationMs} ms)
                      </li>
                    ))}
                  </ol>
                )}
              </div>
              <span className={`${pill} ${DELIVERY_TONES[d.status] ?? ""}`}>{d.status}</span>
            </li>
          ))}
        </ul>
      )}
      <KeysetPager
        label="Delivery log pages"
        page={pages.page}
        hasOlder={Boolean(query.data?.next)}
        busy={query.isPlaceholderData}
        onOlder={() => query.data?.next && pages.older(query.data.next)}
        onNewer={pages.newer}
      />
      {deliveries?.some((d) => d.status === "failed") && <Alert tone="info">Some messages could not be delivered; each shows the receiver&apos;s last answer.</Alert>}
    </Section>
  );
}
