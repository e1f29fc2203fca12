"use client";
// Save the active tab's SQL as a named query. A tab opened from (or saved as) a saved query
// offers to update that query — when the user may change it (owner or admin) — or to save a new
// one; an update made by someone else since the tab got the query is not overwritten (the server
// refuses it with a message). Afterwards the dialog shows the query's link, which opens it in a
// new tab for anyone signed in.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, controlClasses } from "@/components/ui/form";
import { Skeleton } from "@/components/ui/skeleton";
import { cx } from "@/components/lib/cx";

export type SaveDraft = {
  name: string;
  sql: string;
  engineId: string;
  catalog: string | null;
  schema: string | null;
  /** The saved query the tab came from, and its version then. */
  savedQueryId: string | null;
  savedVersion: string | null;
};

export type SavedResult = { id: string; name: string; version: string };

type Props = { draft: SaveDraft | null; onClose: () => void; onSaved: (saved: SavedResult) => void };

export function SaveQueryDialog({ draft, onClose, onSaved }: Props) {
  return (
    <Dialog open={!!draft} onClose={onClose} title="Save query" description="Saved queries are listed under SQL › Saved and can be opened by anyone signed in.">
      {draft &&
        (draft.savedQueryId ? (
          <SaveExisting key={draft.sql + draft.name} draft={draft} savedQueryId={draft.savedQueryId} onClose={onClose} onSaved={onSaved} />
        ) : (
          <SaveForm key={draft.sql + draft.name} draft={draft} existing={null} onClose={onClose} onSaved={onSaved} />
        ))}
    </Dialog>
  );
}

/** Loads the tab's saved query first, to know whether it can be updated. */
function SaveExisting({ draft, savedQueryId, onClose, onSaved }: Omit<Props, "draft"> & { draft: SaveDraft; savedQueryId: string }) {
  const trpc = useTRPC();
  const saved = useQuery({ ...trpc.sql.saved.get.queryOptions({ id: savedQueryId }), retry: false, staleTime: 0 });
  if (saved.isPending) {
    return (
      <div className="space-y-3 pb-1" aria-busy>
        <Skeleton className="h-9" />
        <Skeleton className="h-20" />
      </div>
    );
  }
  // Deleted meanwhile (or not readable): saving makes a new query, as for any other tab.
  return <SaveForm draft={draft} existing={saved.data ?? null} onClose={onClose} onSaved={onSaved} />;
}

type Existing = { id: string; name: string; description: string; mayChange: boolean; owner: { name: string | null; email: string } };

function SaveForm({ draft, existing, onClose, onSaved }: Omit<Props, "draft"> & { draft: SaveDraft; existing: Existing | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canUpdate = !!existing?.mayChange;
  const [mode, setMode] = useState<"update" | "create">(canUpdate ? "update" : "create");
  const [name, setName] = useState(canUpdate ? existing!.name : draft.name);
  const [description, setDescription] = useState(canUpdate ? existing!.description : "");
  const [done, setDone] = useState<{ link: string; updated: boolean } | null>(null);

  const finish = (saved: { id: string; name: string; updatedAt: Date }, updated: boolean) => {
    void queryClient.invalidateQueries({ queryKey: trpc.sql.saved.pathKey() });
    setDone({ link: `${window.location.origin}/sql?saved=${saved.id}`, updated });
    onSaved({ id: saved.id, name: saved.name, version: saved.updatedAt.toISOString() });
  };
  const create = useMutation(trpc.sql.saved.create.mutationOptions({ onSuccess: (saved) => finish(saved, false) }));
  const update = useMutation(trpc.sql.saved.update.mutationOptions({ onSuccess: (saved) => finish(saved, true) }));
  const mutation = mode === "update" ? update : create;
  const errors = fieldErrors(mutation.error);

  if (done) {
    return (
      <div className="space-y-4 pb-1">
        <Alert tone="success">{done.updated ? `Updated “${name.trim()}”.` : `Saved as “${name.trim()}”.`}</Alert>
        <CopyField label="Link to this query" value={done.link} />
        <div className="flex justify-end">
          <Button variant="primary" onClick={onClose} data-autofocus>
            Done
          </Button>
        </div>
      </div>
    );
  }

  const fields = { name, description, sql: draft.sql, engineId: draft.engineId, catalog: draft.catalog, schema: draft.schema };
  return (
    <form
      noValidate
      className="space-y-4 pb-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === "update" && existing) update.mutate({ id: existing.id, ...fields, ...(draft.savedVersion ? { ifUnchangedSince: new Date(draft.savedVersion) } : {}) });
        else create.mutate(fields);
      }}
    >
      {existing && canUpdate && (
        <fieldset className="space-y-1.5">
          <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">This tab holds the saved query “{existing.name}”</legend>
          <ModeOption checked={mode === "update"} onSelect={() => setMode("update")} label={`Update “${existing.name}”`} hint="Everyone who opens its link gets the new SQL." />
          <ModeOption checked={mode === "create"} onSelect={() => setMode("create")} label="Save as a new query" hint="The saved query stays as it is." />
        </fieldset>
      )}
      {existing && !canUpdate && (
        <Alert tone="info">
          “{existing.name}” belongs to {existing.owner.name || existing.owner.email}; only its owner or an admin can change it. This saves a new query of yours.
        </Alert>
      )}
      <Field label="Name" errors={errors.name}>
        {(props) => <Input {...props} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required data-autofocus />}
      </Field>
      <Field label="Description" hint="Optional: what it answers, for whom." errors={errors.description}>
        {(props) => <textarea {...props} value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={5_000} className={cx(controlClasses, "py-2")} />}
      </Field>
      {errors.sql && <Alert tone="error">SQL {errors.sql.join(" ")}</Alert>}
      {mutation.error && !Object.keys(errors).length && <Alert tone="error">{errorMessage(mutation.error)}</Alert>}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {mode === "update" ? "Save changes" : "Save"}
        </Button>
      </div>
    </form>
  );
}

function ModeOption({ checked, onSelect, label, hint }: { checked: boolean; onSelect: () => void; label: string; hint: string }) {
  return (
    <label className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-sky-500 has-[:checked]:bg-sky-50 dark:border-slate-700 dark:has-[:checked]:border-sky-400 dark:has-[:checked]:bg-sky-950/40">
      <input type="radio" name="save-mode" checked={checked} onChange={onSelect} className="mt-0.5 accent-sky-600" />
      <span>
        <span className="block font-medium text-slate-800 dark:text-slate-100">{label}</span>
        <span className="block text-xs text-slate-500 dark:text-slate-400">{hint}</span>
      </span>
    </label>
  );
}
