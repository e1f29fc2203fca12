"use client";
// Save the active tab's SQL as a named query (sql.saved.create). Afterwards the dialog shows the
// query's link, which opens it in a new tab for anyone signed in.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, controlClasses } from "@/components/ui/form";
import { cx } from "@/components/lib/cx";

export type SaveDraft = { name: string; sql: string; engineId: string; catalog: string | null; schema: string | null };

export function SaveQueryDialog({ draft, onClose, onSaved }: { draft: SaveDraft | null; onClose: () => void; onSaved: (saved: { id: string; name: string }) => void }) {
  return (
    <Dialog open={!!draft} onClose={onClose} title="Save query" description="Saved queries are listed under SQL › Saved and can be opened by anyone signed in.">
      {draft && <SaveForm key={draft.sql + draft.name} draft={draft} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function SaveForm({ draft, onClose, onSaved }: { draft: SaveDraft; onClose: () => void; onSaved: (saved: { id: string; name: string }) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(draft.name);
  const [description, setDescription] = useState("");
  const [link, setLink] = useState<string | null>(null);
  const create = useMutation(
    trpc.sql.saved.create.mutationOptions({
      onSuccess: (saved) => {
        void queryClient.invalidateQueries({ queryKey: trpc.sql.saved.pathKey() });
        setLink(`${window.location.origin}/sql?saved=${saved.id}`);
        onSaved({ id: saved.id, name: saved.name });
      },
    }),
  );
  const errors = fieldErrors(create.error);

  if (link) {
    return (
      <div className="space-y-4 pb-1">
        <Alert tone="success">Saved as “{name.trim()}”.</Alert>
        <CopyField label="Link to this query" value={link} />
        <div className="flex justify-end">
          <Button variant="primary" onClick={onClose} data-autofocus>
            Done
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form
      noValidate
      className="space-y-4 pb-1"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name, description, sql: draft.sql, engineId: draft.engineId, catalog: draft.catalog, schema: draft.schema });
      }}
    >
      <Field label="Name" errors={errors.name}>
        {(props) => <Input {...props} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required data-autofocus />}
      </Field>
      <Field label="Description" hint="Optional: what it answers, for whom." errors={errors.description}>
        {(props) => <textarea {...props} value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={5_000} className={cx(controlClasses, "py-2")} />}
      </Field>
      {errors.sql && <Alert tone="error">SQL {errors.sql.join(" ")}</Alert>}
      {create.error && !Object.keys(errors).length && <Alert tone="error">{errorMessage(create.error)}</Alert>}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending}>
          Save
        </Button>
      </div>
    </form>
  );
}
