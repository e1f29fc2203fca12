"use client";
// The "Airflow" panel of a run page: what Airflow knows that OpenLineage events do not carry —
// the DAG run's state, every task instance with its state (queued, skipped, upstream_failed,
// up_for_retry, …), try number and duration, the next scheduled run, a task's log tail — and,
// for editors, Trigger DAG run and Clear task (both confirmed, both audited on the server).
// Hidden when no Airflow is configured or the run is not Airflow's; while the first answer is
// on its way it renders nothing, so runs from other producers never flash an empty panel.
// Also the job page's one-line "next run" (AirflowNextRun).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLink, FileText, Play, RefreshCw, RotateCcw } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Field, Input, controlClasses } from "@/components/ui/form";
import { LocalTime } from "@/components/ui/local-time";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { RouterOutputs } from "@/server/api/root";
import { Fact, Section } from "./card";
import { formatDuration } from "./format";

type RunView = RouterOutputs["orchestrator"]["run"];
type Matched = Extract<RunView, { kind: "matched" }>;
type TaskInstance = Matched["taskInstances"][number];

/** While the DAG run is queued or running, the panel reads Airflow again this often. */
export const AIRFLOW_POLL_MS = 5_000;

const link = "font-medium text-sky-700 hover:underline dark:text-sky-300";

const TASK_STATES: Record<string, { label: string; tone: "emerald" | "red" | "amber" | "sky" | "violet" | "slate" }> = {
  success: { label: "Success", tone: "emerald" },
  failed: { label: "Failed", tone: "red" },
  upstream_failed: { label: "Upstream failed", tone: "amber" },
  up_for_retry: { label: "Up for retry", tone: "amber" },
  restarting: { label: "Restarting", tone: "amber" },
  running: { label: "Running", tone: "sky" },
  up_for_reschedule: { label: "Up for reschedule", tone: "sky" },
  queued: { label: "Queued", tone: "violet" },
  scheduled: { label: "Scheduled", tone: "violet" },
  deferred: { label: "Deferred", tone: "violet" },
  skipped: { label: "Skipped", tone: "slate" },
  removed: { label: "Removed", tone: "slate" },
};

export function AirflowStateBadge({ state }: { state: string | null }) {
  if (state === null) return <Badge tone="slate">No status</Badge>;
  const known = TASK_STATES[state] ?? { label: state, tone: "slate" as const };
  return (
    <Badge tone={known.tone} dot>
      {known.label}
    </Badge>
  );
}

const ACTIVE_RUN_STATES = new Set(["queued", "running"]);

export function AirflowPanel({ runId, canAct }: { runId: string; /** Editors trigger DAG runs and clear tasks. */ canAct: boolean }) {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.orchestrator.run.queryOptions({ runId }),
    refetchInterval: (q) => {
      const data = q.state.data;
      return data?.kind === "matched" && data.dagRun && ACTIVE_RUN_STATES.has(data.dagRun.state) ? AIRFLOW_POLL_MS : false;
    },
  });
  const data = query.data;
  if (query.isError && !data)
    return (
      <Section id="run-airflow" title="Airflow">
        <QueryError error={query.error} onRetry={() => void query.refetch()} compact />
      </Section>
    );
  if (!data || data.kind === "not_configured" || data.kind === "not_matched") return null;
  if (data.kind === "unavailable") {
    const unreachable = data.failure === "unreachable" || data.failure === "timeout";
    return (
      <Section id="run-airflow" title="Airflow" actions={<RefreshButton pending={query.isFetching} onClick={() => void query.refetch()} />}>
        <Alert tone="error" title={unreachable ? undefined : "Airflow could not show this run"}>
          {unreachable ? `Airflow is not reachable: ${data.message}` : data.message}
        </Alert>
      </Section>
    );
  }
  return <MatchedPanel view={data} canAct={canAct} refreshing={query.isFetching} onRefresh={() => void query.refetch()} />;
}

function RefreshButton({ pending, onClick }: { pending: boolean; onClick: () => void }) {
  return (
    <Button size="sm" variant="ghost" onClick={onClick} pending={pending}>
      <RefreshCw aria-hidden className="size-4" /> Refresh
    </Button>
  );
}

function airflowLink(view: Matched): string {
  const base = `${view.webUrl}/dags/${encodeURIComponent(view.dagId)}/grid`;
  return view.dagRun ? `${base}?dag_run_id=${encodeURIComponent(view.dagRun.runId)}` : base;
}

function MatchedPanel({ view, canAct, refreshing, onRefresh }: { view: Matched; canAct: boolean; refreshing: boolean; onRefresh: () => void }) {
  const [logOf, setLogOf] = useState<TaskInstance | null>(null);
  const [clearing, setClearing] = useState<TaskInstance | null>(null);
  const [triggering, setTriggering] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const run = view.dagRun;
  return (
    <Section
      id="run-airflow"
      title="Airflow"
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <a href={airflowLink(view)} target="_blank" rel="noreferrer noopener" className={`${link} inline-flex items-center gap-1 text-sm`}>
            Open in Airflow <ExternalLink aria-hidden className="size-3.5" />
          </a>
          <RefreshButton pending={refreshing} onClick={onRefresh} />
          {canAct && (
            <Button size="sm" variant="primary" onClick={() => setTriggering(true)}>
              <Play aria-hidden className="size-4" /> Trigger DAG run
            </Button>
          )}
        </div>
      }
    >
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Fact label="DAG">
          <span className="break-all">{view.dagId}</span>
          {view.isPaused && (
            <Badge tone="amber" className="ml-2">
              Paused
            </Badge>
          )}
        </Fact>
        <Fact label="DAG run">{run ? <AirflowStateBadge state={run.state} /> : "—"}</Fact>
        <Fact label="Logical date">
          <LocalTime value={run?.logicalDate ?? null} />
        </Fact>
        <Fact label="Next run">
          {view.next?.logicalDate ? <LocalTime value={view.next.logicalDate} /> : view.schedule ? "Not planned yet" : "Not scheduled"}
          {view.next?.dataIntervalStart && view.next.dataIntervalEnd && (
            <span className="block text-xs text-slate-500 dark:text-slate-400">
              data <LocalTime value={view.next.dataIntervalStart} /> – <LocalTime value={view.next.dataIntervalEnd} />
            </span>
          )}
        </Fact>
      </dl>
      {run && (
        <p className="mt-2 text-xs break-all text-slate-500 dark:text-slate-400">
          Run id {run.runId}
          {run.runType ? ` · ${run.runType}` : ""}
          {view.schedule ? ` · schedule: ${view.schedule}` : ""}
        </p>
      )}
      {notice && (
        <Alert tone="success" className="mt-3" onDismiss={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {!run ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{view.dagRunMessage}</p>
      ) : view.taskInstances.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">This DAG run has no task instances yet.</p>
      ) : (
        <TaskList view={view} canAct={canAct} onLog={setLogOf} onClear={setClearing} selected={logOf} />
      )}
      {view.taskInstanceTotal > view.taskInstances.length && (
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          Showing {view.taskInstances.length} of {view.taskInstanceTotal} task instances.
        </p>
      )}
      {run && logOf && <LogTail dagId={view.dagId} dagRunId={run.runId} task={logOf} onClose={() => setLogOf(null)} />}
      {canAct && <TriggerDialog dagId={view.dagId} open={triggering} onClose={() => setTriggering(false)} onDone={setNotice} />}
      {canAct && run && <ClearDialog dagId={view.dagId} dagRunId={run.runId} task={clearing} onClose={() => setClearing(null)} onDone={setNotice} />}
    </Section>
  );
}

function TaskList({
  view,
  canAct,
  onLog,
  onClear,
  selected,
}: {
  view: Matched;
  canAct: boolean;
  onLog: (t: TaskInstance) => void;
  onClear: (t: TaskInstance) => void;
  selected: TaskInstance | null;
}) {
  return (
    <ul aria-label="Task instances" className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800">
      {view.taskInstances.map((t) => {
        const label = t.mapIndex >= 0 ? `${t.displayName} [${t.mapIndex}]` : t.displayName;
        const own = t.taskId === view.taskId;
        return (
          <li
            key={`${t.taskId}:${t.mapIndex}`}
            aria-label={`${label}: ${t.state === null ? "no status" : (TASK_STATES[t.state]?.label ?? t.state)}`}
            className={`flex flex-wrap items-center gap-x-3 gap-y-1 py-2 ${own ? "-mx-2 rounded-md bg-sky-50/70 px-2 dark:bg-sky-400/5" : ""}`}
          >
            <span className="min-w-0 grow basis-40 font-medium break-all text-slate-900 dark:text-slate-100">
              {label}
              {own && <span className="ml-2 text-xs font-normal text-sky-700 dark:text-sky-300">this run</span>}
            </span>
            <AirflowStateBadge state={t.state} />
            <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
              try {t.tryNumber}
              {t.maxTries !== null ? ` of ${t.maxTries + 1}` : ""}
            </span>
            <span className="w-20 text-xs text-slate-600 tabular-nums dark:text-slate-400">{formatDuration(t.durationSeconds)}</span>
            <span className="flex gap-1">
              <Button
                size="sm"
                variant="ghost"
                disabled={t.tryNumber < 1}
                aria-pressed={selected?.taskId === t.taskId && selected.mapIndex === t.mapIndex}
                aria-label={`Show the log of ${label}`}
                onClick={() => onLog(t)}
              >
                <FileText aria-hidden className="size-4" /> Log
              </Button>
              {canAct && (
                <Button size="sm" variant="ghost" aria-label={`Clear ${label}`} onClick={() => onClear(t)}>
                  <RotateCcw aria-hidden className="size-4" /> Clear
                </Button>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function LogTail({ dagId, dagRunId, task, onClose }: { dagId: string; dagRunId: string; task: TaskInstance; onClose: () => void }) {
  const trpc = useTRPC();
  const log = useQuery(
    trpc.orchestrator.taskLog.queryOptions({
      dagId,
      dagRunId,
      taskId: task.taskId,
      tryNumber: Math.max(task.tryNumber, 1),
      mapIndex: task.mapIndex >= 0 ? task.mapIndex : undefined,
    }),
  );
  return (
    <div className="mt-4 rounded-lg border border-slate-200 dark:border-slate-800">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <h3 className="text-sm font-medium break-all text-slate-900 dark:text-slate-100">
          Log of {task.displayName}, try {Math.max(task.tryNumber, 1)}
        </h3>
        <div className="flex gap-1">
          <Button size="sm" variant="ghost" pending={log.isFetching} onClick={() => void log.refetch()}>
            <RefreshCw aria-hidden className="size-4" /> Reload
          </Button>
          <Button size="sm" variant="ghost" onClick={onClose}>
            Close log
          </Button>
        </div>
      </div>
      {log.isError && !log.data ? (
        <div className="p-3">
          <QueryError error={log.error} onRetry={() => void log.refetch()} compact />
        </div>
      ) : !log.data ? (
        <div className="p-3">
          <SkeletonRows label="Loading the log" rows={4} height="h-4" />
        </div>
      ) : (
        <>
          {log.data.truncated && (
            <p className="px-3 pt-2 text-xs text-slate-500 dark:text-slate-400">
              The last {Math.round(new TextEncoder().encode(log.data.content).length / 1024)} KB of {Math.round(log.data.totalBytes / 1024)} KB.
            </p>
          )}
          <pre
            tabIndex={0}
            aria-label={`Log of ${task.displayName}`}
            className="max-h-96 overflow-auto p-3 font-mono text-xs whitespace-pre-wrap text-slate-800 dark:text-slate-200"
          >
            {log.data.content || "The log is empty."}
          </pre>
        </>
      )}
    </div>
  );
}

/** Parses the conf text: empty is no conf; otherwise it must be a JSON object. */
export function parseConf(text: string): { ok: true; conf: Record<string, unknown> | undefined } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, conf: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `Not valid JSON: ${err instanceof Error ? err.message : "cannot be read"}.` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { ok: false, message: 'Must be a JSON object, such as {"full_refresh": true}.' };
  return { ok: true, conf: value as Record<string, unknown> };
}

function TriggerDialog({ dagId, open, onClose, onDone }: { dagId: string; open: boolean; onClose: () => void; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confText, setConfText] = useState("");
  const [logicalDate, setLogicalDate] = useState("");
  const [note, setNote] = useState("");
  const [confError, setConfError] = useState<string | null>(null);
  const trigger = useMutation(
    trpc.orchestrator.triggerDagRun.mutationOptions({
      onSuccess: (run) => {
        onDone(`Triggered DAG run ${run.runId} of ${dagId}; Airflow has it ${run.state}.`);
        void queryClient.invalidateQueries({ queryKey: trpc.orchestrator.pathKey() });
        close();
      },
    }),
  );
  const close = () => {
    setConfText("");
    setLogicalDate("");
    setNote("");
    setConfError(null);
    trigger.reset();
    onClose();
  };
  const submit = () => {
    const parsed = parseConf(confText);
    if (!parsed.ok) {
      setConfError(parsed.message);
      return;
    }
    setConfError(null);
    trigger.mutate({ dagId, conf: parsed.conf, logicalDate: logicalDate ? new Date(logicalDate).toISOString() : undefined, note: note.trim() || undefined });
  };
  const serverFields = trigger.isError ? fieldErrors(trigger.error) : {};
  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Trigger a run of ${dagId}?`}
      description="Airflow starts a new DAG run now (it stays queued while the DAG is paused). The trigger is recorded in the audit log."
      onSubmit={submit}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={trigger.isPending}>
            <Play aria-hidden className="size-4" /> Trigger
          </Button>
        </>
      }
    >
      <Field label="Configuration (JSON, optional)" hint='Passed to the run as its conf, e.g. {"full_refresh": true}.' errors={confError ? [confError] : serverFields.conf}>
        {(p) => (
          <textarea
            {...p}
            data-autofocus
            rows={4}
            spellCheck={false}
            value={confText}
            onChange={(e) => setConfText(e.target.value)}
            className={`${controlClasses} w-full py-2 font-mono`}
            placeholder="{}"
          />
        )}
      </Field>
      <Field label="Logical date (optional)" hint="Defaults to now, in your time zone." errors={serverFields.logicalDate}>
        {(p) => <Input {...p} type="datetime-local" step={1} value={logicalDate} onChange={(e) => setLogicalDate(e.target.value)} />}
      </Field>
      <Field label="Note (optional)" errors={serverFields.note}>
        {(p) => <Input {...p} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {trigger.isError && <Alert tone="error">{errorMessage(trigger.error)}</Alert>}
    </Dialog>
  );
}

function ClearDialog({
  dagId,
  dagRunId,
  task,
  onClose,
  onDone,
}: {
  dagId: string;
  dagRunId: string;
  task: TaskInstance | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [downstream, setDownstream] = useState(false);
  const clear = useMutation(
    trpc.orchestrator.clearTask.mutationOptions({
      onSuccess: (result) => {
        const n = result.cleared.length;
        onDone(
          n === 0
            ? "Airflow cleared no task instance."
            : `Cleared ${n} task instance${n === 1 ? "" : "s"}: ${result.cleared.map((c) => c.taskId).join(", ")}. Airflow will run them again.`,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.orchestrator.pathKey() });
        close();
      },
    }),
  );
  const close = () => {
    setDownstream(false);
    clear.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={task !== null}
      onClose={close}
      title={`Clear ${task?.displayName ?? "task"}?`}
      confirmLabel="Clear task"
      tone="danger"
      pending={clear.isPending}
      error={clear.isError ? errorMessage(clear.error) : null}
      onConfirm={() => task && clear.mutate({ dagId, dagRunId, taskId: task.taskId, includeDownstream: downstream })}
    >
      <p>Airflow forgets this task instance&apos;s state and runs it again; the DAG run goes back to queued. This is recorded in the audit log.</p>
      <label className="mt-3 flex items-center gap-2">
        <input type="checkbox" checked={downstream} onChange={(e) => setDownstream(e.target.checked)} className="size-4 rounded border-slate-300 dark:border-slate-600" />
        Also clear the tasks downstream of it
      </label>
    </ConfirmDialog>
  );
}

/** The job page's line about its DAG in Airflow: paused or not, the next scheduled run. Hidden when not Airflow's. */
export function AirflowNextRun({ namespace, name }: { namespace: string; name: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.orchestrator.job.queryOptions({ namespace, name }));
  const data = query.data;
  if (!data || data.kind === "not_configured" || data.kind === "not_matched") return null;
  return (
    <p className="text-sm text-slate-700 dark:text-slate-300" aria-label="Airflow">
      <span className="font-medium">Airflow: </span>
      {data.kind === "unavailable" ? (
        <span className="text-red-700 dark:text-red-300">
          {data.failure === "unreachable" || data.failure === "timeout" ? `Airflow is not reachable: ${data.message}` : data.message}
        </span>
      ) : (
        <>
          {data.isPaused ? "DAG paused" : "next run "}
          {!data.isPaused && (data.next?.logicalDate ? <LocalTime value={data.next.logicalDate} /> : data.schedule ? "not planned yet" : "none (no schedule)")}
          {data.schedule && <span className="text-slate-500 dark:text-slate-400"> · {data.schedule}</span>}
        </>
      )}
    </p>
  );
}
