"use client";
// Admin › Connections: Trino engines and S3 object stores. Secrets are write-only — the page only
// learns whether one is stored; leaving the field empty keeps it, and Test then uses the stored
// one on the server. Environment and embedded connections are listed read-only.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Cable, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/form";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { RouterOutputs } from "@/server/api/root";
import { AppliedBadge, ConnectionStatus } from "./connection-status";

type View = RouterOutputs["connections"]["list"][number];
type Probe = RouterOutputs["connections"]["test"];
type Kind = "trino" | "s3" | "airflow";
type FormState = {
  id?: string;
  version?: number;
  name: string;
  kind: Kind;
  enabled: boolean;
  secret: string;
  hasSecret: boolean;
  removeSecret: boolean;
  trino: { url: string; catalog: string; schema: string; caCert: string; auth: "none" | "basic" | "jwt"; user: string; impersonation: boolean };
  s3: { endpoint: string; region: string; pathStyle: boolean; accessKeyId: string };
  airflow: { url: string; apiVersion: "v1"; auth: "none" | "basic" | "token"; user: string; namespace: string };
};

const section = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900";
const emptyTrino: FormState["trino"] = { url: "", catalog: "", schema: "", caCert: "", auth: "none", user: "", impersonation: true };
const emptyS3: FormState["s3"] = { endpoint: "", region: "us-east-1", pathStyle: true, accessKeyId: "" };
const emptyAirflow: FormState["airflow"] = { url: "", apiVersion: "v1", auth: "basic", user: "", namespace: "" };
const KIND_LABELS: Record<View["kind"], string> = { s3: "S3", trino: "Trino", airflow: "Airflow", duckdb: "DuckDB" };

function formOf(view?: View): FormState {
  if (!view) return { name: "", kind: "s3", enabled: true, secret: "", hasSecret: false, removeSecret: false, trino: emptyTrino, s3: emptyS3, airflow: emptyAirflow };
  const s = view.settings;
  return {
    id: view.id,
    version: view.version,
    name: view.name,
    kind: view.kind === "trino" || view.kind === "airflow" ? view.kind : "s3",
    enabled: view.enabled,
    secret: "",
    hasSecret: view.secret.state !== "none",
    removeSecret: false,
    trino: { ...emptyTrino, ...(view.kind === "trino" ? (s as Partial<FormState["trino"]>) : {}) },
    s3: { ...emptyS3, ...(view.kind === "s3" ? (s as Partial<FormState["s3"]>) : {}) },
    airflow: { ...emptyAirflow, ...(view.kind === "airflow" ? (s as Partial<FormState["airflow"]>) : {}) },
  };
}

function payloadOf(form: FormState) {
  const secret = form.removeSecret ? { value: "" } : form.secret !== "" ? { value: form.secret } : form.id ? { keep: true as const } : undefined;
  const base = { name: form.name, enabled: form.enabled, secret };
  if (form.kind === "trino") return { ...base, kind: "trino" as const, settings: form.trino };
  if (form.kind === "airflow") return { ...base, kind: "airflow" as const, settings: form.airflow };
  return { ...base, kind: "s3" as const, settings: form.s3 };
}

export function ConnectionsAdmin() {
  const trpc = useTRPC();
  const list = useQuery({
    ...trpc.connections.list.queryOptions(),
    // While a just-applied connection is being checked, ask again until the check has answered.
    // Poll while a check runs here, or while another replica has not applied a change yet.
    refetchInterval: (query) =>
      query.state.data?.some(
        (c) => (c.applied && (c.applied.state === "in-use" || c.applied.state === "not-used") && !c.applied.check) || c.cluster?.problems.some((p) => p.problem === "pending"),
      )
        ? 2_000
        : false,
  });
  const [editing, setEditing] = useState<FormState | null>(null);
  if (list.isPending) return <SkeletonRows label="Loading the connections" rows={4} height="h-12" />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold text-slate-900 dark:text-white">Connections</h1>
        <Button variant="primary" onClick={() => setEditing(formOf())}>
          <Plus className="size-4" aria-hidden /> New connection
        </Button>
      </div>
      {editing && <ConnectionForm key={editing.id ?? "new"} initial={editing} onDone={() => setEditing(null)} />}
      <ul className="space-y-3" aria-label="Connections">
        {list.data.map((c) => (
          <li key={c.id} className={`${section} flex flex-wrap items-center justify-between gap-3`}>
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2 font-medium break-all text-slate-900 dark:text-white">
                <Cable className="size-4 shrink-0" aria-hidden /> {c.name}
                <Badge tone="sky">{KIND_LABELS[c.kind]}</Badge>
                {c.source === "environment" && <Badge tone="violet">from environment</Badge>}
                {c.source === "embedded" && <Badge tone="slate">embedded</Badge>}
                {!c.enabled && <Badge tone="amber">disabled</Badge>}
                <AppliedBadge applied={c.applied} />
              </p>
              <p className="mt-1 text-sm break-all text-slate-600 dark:text-slate-400">
                {String(c.settings.url ?? c.settings.endpoint ?? c.settings.description ?? "")}
                {c.secret.state === "set" && " · secret stored"}
                {c.secret.state === "vault" && ` · secret in ${c.secret.reference}`}
              </p>
              <ConnectionStatus view={c} />
            </div>
            {c.source === "database" && (
              <Button onClick={() => setEditing(formOf(c))} aria-label={`Edit ${c.name}`}>
                Edit
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ConnectionForm({ initial, onDone }: { initial: FormState; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(initial);
  const [probe, setProbe] = useState<Probe | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.connections.list.queryKey() });
  const save = useMutation(
    trpc.connections.create.mutationOptions({
      onSuccess: () => {
        void refresh();
        onDone();
      },
    }),
  );
  const update = useMutation(
    trpc.connections.update.mutationOptions({
      onSuccess: () => {
        void refresh();
        onDone();
      },
    }),
  );
  const remove = useMutation(
    trpc.connections.delete.mutationOptions({
      onSuccess: () => {
        void refresh();
        onDone();
      },
    }),
  );
  const test = useMutation(
    trpc.connections.test.mutationOptions({
      onSuccess: (result) => {
        setProbe(result);
        void refresh(); // its "Last Test" line
      },
    }),
  );
  const saving = save.isPending || update.isPending;
  const error = save.error ?? update.error;
  const errors = fieldErrors(error);
  const submit = () => {
    const payload = payloadOf(form);
    if (form.id && form.version) update.mutate({ ...payload, id: form.id, version: form.version });
    else save.mutate(payload);
  };
  const setTrino = (patch: Partial<FormState["trino"]>) => setForm((f) => ({ ...f, trino: { ...f.trino, ...patch } }));
  const setS3 = (patch: Partial<FormState["s3"]>) => setForm((f) => ({ ...f, s3: { ...f.s3, ...patch } }));
  const setAirflow = (patch: Partial<FormState["airflow"]>) => setForm((f) => ({ ...f, airflow: { ...f.airflow, ...patch } }));
  const secretLabel =
    form.kind === "s3" ? "Secret access key" : form.kind === "airflow" ? (form.airflow.auth === "token" ? "Token" : "Password") : form.trino.auth === "jwt" ? "JWT" : "Password";
  const needsSecret = form.kind === "s3" || (form.kind === "trino" ? form.trino.auth !== "none" : form.airflow.auth !== "none");
  return (
    <form
      className={`${section} space-y-4`}
      aria-label={form.id ? `Edit ${initial.name}` : "New connection"}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 className="text-base font-semibold text-slate-900 dark:text-white">{form.id ? `Edit ${initial.name}` : "New connection"}</h2>
      {error && <Alert tone="error">{errorMessage(error)}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" errors={errors.name} hint="Lower-case letters, digits and hyphens">
          {(p) => <Input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />}
        </Field>
        <Field label="Kind">
          {(p) => (
            <Select {...p} value={form.kind} disabled={!!form.id} onChange={(e) => setForm({ ...form, kind: e.target.value as Kind })}>
              <option value="s3">S3 object store</option>
              <option value="trino">Trino engine</option>
              <option value="airflow">Airflow orchestrator</option>
            </Select>
          )}
        </Field>
        {form.kind === "airflow" ? (
          <>
            <Field label="URL" hint="The webserver, e.g. https://airflow.example.com">
              {(p) => <Input {...p} value={form.airflow.url} onChange={(e) => setAirflow({ url: e.target.value })} required />}
            </Field>
            <Field label="API version" hint="Airflow 3's v2 API is not supported yet">
              {(p) => (
                <Select {...p} value={form.airflow.apiVersion} onChange={() => setAirflow({ apiVersion: "v1" })}>
                  <option value="v1">v1 (Airflow 2.x)</option>
                </Select>
              )}
            </Field>
            <Field label="Authentication">
              {(p) => (
                <Select {...p} value={form.airflow.auth} onChange={(e) => setAirflow({ auth: e.target.value as FormState["airflow"]["auth"] })}>
                  <option value="basic">Basic (user and password)</option>
                  <option value="token">Token (Bearer)</option>
                  <option value="none">None</option>
                </Select>
              )}
            </Field>
            {form.airflow.auth === "basic" && (
              <Field label="User">{(p) => <Input {...p} value={form.airflow.user} autoComplete="off" onChange={(e) => setAirflow({ user: e.target.value })} />}</Field>
            )}
            <Field label="OpenLineage namespace" hint="The namespace its OpenLineage events use; runs there are matched to DAGs by name (facets match anywhere)">
              {(p) => <Input {...p} value={form.airflow.namespace} placeholder="airflow://prod" onChange={(e) => setAirflow({ namespace: e.target.value })} />}
            </Field>
          </>
        ) : form.kind === "s3" ? (
          <>
            <Field label="Endpoint" hint="e.g. http://minio:9000">
              {(p) => <Input {...p} value={form.s3.endpoint} onChange={(e) => setS3({ endpoint: e.target.value })} required />}
            </Field>
            <Field label="Region">{(p) => <Input {...p} value={form.s3.region} onChange={(e) => setS3({ region: e.target.value })} />}</Field>
            <Field label="Access key id">{(p) => <Input {...p} value={form.s3.accessKeyId} autoComplete="off" onChange={(e) => setS3({ accessKeyId: e.target.value })} />}</Field>
            <label className="flex items-center gap-2 text-sm text-slate-800 sm:mt-7 dark:text-slate-200">
              <input type="checkbox" checked={form.s3.pathStyle} onChange={(e) => setS3({ pathStyle: e.target.checked })} /> Path-style addressing (MinIO, Ceph)
            </label>
          </>
        ) : (
          <>
            <Field label="URL" hint="e.g. https://trino.example.com:8443">
              {(p) => <Input {...p} value={form.trino.url} onChange={(e) => setTrino({ url: e.target.value })} required />}
            </Field>
            <Field label="Authentication">
              {(p) => (
                <Select {...p} value={form.trino.auth} onChange={(e) => setTrino({ auth: e.target.value as FormState["trino"]["auth"] })}>
                  <option value="none">None</option>
                  <option value="basic">Basic (user and password)</option>
                  <option value="jwt">JWT</option>
                </Select>
              )}
            </Field>
            <Field label="Default catalog">{(p) => <Input {...p} value={form.trino.catalog} onChange={(e) => setTrino({ catalog: e.target.value })} />}</Field>
            <Field label="Default schema">{(p) => <Input {...p} value={form.trino.schema} onChange={(e) => setTrino({ schema: e.target.value })} />}</Field>
            <Field label="Service user">{(p) => <Input {...p} value={form.trino.user} autoComplete="off" onChange={(e) => setTrino({ user: e.target.value })} />}</Field>
            <label className="flex items-center gap-2 text-sm text-slate-800 sm:mt-7 dark:text-slate-200">
              <input type="checkbox" checked={form.trino.impersonation} onChange={(e) => setTrino({ impersonation: e.target.checked })} /> Run queries as the signed-in user
            </label>
            <Field label="CA certificate (PEM)" className="sm:col-span-2">
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  value={form.trino.caCert}
                  onChange={(e) => setTrino({ caCert: e.target.value })}
                  className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
                />
              )}
            </Field>
          </>
        )}
        {needsSecret && (
          <Field
            label={secretLabel}
            errors={errors.secret}
            hint={form.hasSecret ? "A secret is stored. Leave empty to keep it unchanged." : "Or a Vault reference: vault:<mount>/<path>#<key>"}
          >
            {(p) => (
              <Input
                {...p}
                type="password"
                autoComplete="new-password"
                value={form.secret}
                disabled={form.removeSecret}
                placeholder={form.hasSecret ? "(unchanged)" : ""}
                onChange={(e) => setForm({ ...form, secret: e.target.value })}
              />
            )}
          </Field>
        )}
        {form.hasSecret && (
          <label className="flex items-center gap-2 text-sm text-slate-800 sm:mt-7 dark:text-slate-200">
            <input type="checkbox" checked={form.removeSecret} onChange={(e) => setForm({ ...form, removeSecret: e.target.checked })} /> Remove the stored secret
          </label>
        )}
        <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
          <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} /> Enabled
        </label>
      </div>
      {test.error && <Alert tone="error">{errorMessage(test.error)}</Alert>}
      {probe && (
        <div role="status" aria-label="Test result" className="space-y-1 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700">
          <p className={probe.ok ? "font-medium text-emerald-700 dark:text-emerald-400" : "font-medium text-red-700 dark:text-red-400"}>
            {probe.ok ? "Test succeeded" : "Test failed"}
          </p>
          <ul className="space-y-1">
            {probe.steps.map((s, i) => (
              <li key={i} className="break-words text-slate-700 dark:text-slate-300">
                <span aria-hidden>{s.ok ? "✓" : "✗"}</span> <span className="font-medium">{s.step}:</span> {s.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </Button>
        <Button type="button" disabled={test.isPending} onClick={() => test.mutate({ ...payloadOf(form), id: form.id })}>
          {test.isPending ? "Testing…" : "Test"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        {form.id && (
          <Button type="button" variant="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={`Delete ${initial.name}?`}
        confirmLabel="Delete connection"
        tone="danger"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => form.id && form.version && remove.mutate({ id: form.id, version: form.version })}
      >
        The connection and its stored secret are deleted.
      </ConfirmDialog>
    </form>
  );
}
