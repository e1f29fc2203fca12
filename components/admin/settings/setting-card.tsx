"use client";
// One setting: its editor, Save (with the version read: a change someone else saved meanwhile is
// a conflict, shown with their name, and the draft is kept), Reset to default, and the locked view
// when an environment variable sets it.
import { useState, type ReactNode } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Lock } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { errorCode, errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/form";
import type { RouterOutputs } from "@/server/api/root";
import { ROLES } from "@/lib/auth/roles";
import { draftOf, parseDraft, sameDraft, type Draft } from "./drafts";
import { BucketRulesEditor } from "./bucket-rules-editor";

export type SettingView = RouterOutputs["settings"]["list"][number];

const card = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900";

function describe(view: SettingView): string {
  if (view.input.kind === "number") return `${String(view.value)} ${view.input.unit}`;
  if (view.input.kind === "time-limits") {
    const limits = view.value as Record<string, number>;
    return ROLES.map((role) => `${role} ${limits[role]} s`).join(", ");
  }
  return `${Object.keys(view.value as object).length} rules`;
}

export function SettingCard({ view, onDirtyChange }: { view: SettingView; onDirtyChange: (key: string, dirty: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraftState] = useState<Draft>(() => draftOf(view.key, view.value));
  const [base, setBase] = useState({ version: view.version, draft: draft });
  const [shown, setShown] = useState(false); // "touched": messages appear after the first edit
  const [notice, setNotice] = useState<string | null>(null);
  const parsed = parseDraft(view.key, draft);
  const dirty = !sameDraft(draft, base.draft);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.settings.list.queryKey() });

  const setDraft = (next: Draft) => {
    setDraftState(next);
    setShown(true);
    setNotice(null);
    onDirtyChange(view.key, !sameDraft(next, base.draft));
  };
  const adopt = (saved: SettingView, message: string) => {
    const fresh = draftOf(saved.key, saved.value);
    setDraftState(fresh);
    setBase({ version: saved.version, draft: fresh });
    setNotice(message);
    onDirtyChange(view.key, false);
    void refresh();
  };
  const update = useMutation(trpc.settings.update.mutationOptions({ onSuccess: (saved) => adopt(saved, "Saved. Every replica uses it within a few seconds.") }));
  const reset = useMutation(trpc.settings.reset.mutationOptions({ onSuccess: (saved) => adopt(saved, "Reset to the default.") }));
  const error = update.error ?? reset.error;
  const conflict = errorCode(error) === "CONFLICT";
  const serverErrors = fieldErrors(update.error);
  const errors = shown && !parsed.ok ? parsed.errors : serverErrors;
  const busy = update.isPending || reset.isPending;

  if (view.locked) {
    return (
      <section className={card} aria-labelledby={`${view.key}-title`}>
        <h3 id={`${view.key}-title`} className="flex flex-wrap items-center gap-2 font-medium text-slate-900 dark:text-white">
          {view.label}
          <Badge tone="violet">
            <Lock className="size-3" aria-hidden /> Set by {view.env}
          </Badge>
        </h3>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{view.help}</p>
        <p className="mt-3 text-sm text-slate-800 dark:text-slate-200" data-testid={`${view.key}-locked`}>
          In effect: <strong>{describe(view)}</strong>. The environment variable <code>{view.env}</code> wins over this page; change or unset it where the portal is deployed.
        </p>
      </section>
    );
  }

  const save = () => {
    setShown(true);
    if (parsed.ok) update.mutate({ key: view.key, value: parsed.value, version: base.version });
  };
  let editor: ReactNode;
  if (draft.kind === "number" && view.input.kind === "number") {
    const unit = view.input.unit;
    editor = (
      <Field label={`${view.label} (${unit})`} hint={view.help} errors={errors.value}>
        {(p) => <Input {...p} inputMode="decimal" className="w-40" value={draft.text} onChange={(e) => setDraft({ kind: "number", text: e.target.value })} />}
      </Field>
    );
  } else if (draft.kind === "time-limits") {
    editor = (
      <fieldset>
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{view.label} (seconds)</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">{view.help}</p>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          {ROLES.map((role) => (
            <Field key={role} label={`${role[0]!.toUpperCase()}${role.slice(1)}`} errors={errors[role]}>
              {(p) => (
                <Input {...p} inputMode="numeric" value={draft.text[role]} onChange={(e) => setDraft({ kind: "time-limits", text: { ...draft.text, [role]: e.target.value } })} />
              )}
            </Field>
          ))}
        </div>
        {errors.value && <p className="mt-1 text-sm text-red-700 dark:text-red-400">{errors.value.join("; ")}</p>}
      </fieldset>
    );
  } else if (draft.kind === "bucket-rules") {
    editor = (
      <BucketRulesEditor
        help={view.help}
        rows={draft.rows}
        errors={shown && !parsed.ok ? parsed.errors : {}}
        serverErrors={serverErrors.value}
        onChange={(rows) => setDraft({ kind: "bucket-rules", rows })}
      />
    );
  }

  return (
    <section className={card} aria-labelledby={`${view.key}-title`}>
      <form
        className="space-y-4"
        aria-label={view.label}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h3 id={`${view.key}-title`} className="flex flex-wrap items-center gap-2 font-medium text-slate-900 dark:text-white">
          {view.label}
          {view.source === "default" ? <Badge tone="slate">default</Badge> : <Badge tone="sky">changed</Badge>}
          {dirty && <Badge tone="amber">unsaved</Badge>}
        </h3>
        {editor}
        {error && !conflict && <Alert tone="error">{errorMessage(error)}</Alert>}
        {conflict && (
          <Alert tone="error">
            <p>{errorMessage(error)}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <Button
                size="sm"
                onClick={async () => {
                  const list = await queryClient.fetchQuery(trpc.settings.list.queryOptions());
                  const theirs = list.find((s) => s.key === view.key);
                  if (theirs) adopt(theirs, "Showing the current value; your change was discarded.");
                  update.reset();
                  reset.reset();
                }}
              >
                Load their value
              </Button>
              <Button
                size="sm"
                onClick={async () => {
                  const list = await queryClient.fetchQuery(trpc.settings.list.queryOptions());
                  const theirs = list.find((s) => s.key === view.key);
                  if (theirs) setBase({ version: theirs.version, draft: draftOf(theirs.key, theirs.value) });
                  setNotice("Your change is still here, now over the current value: Save to apply it.");
                  update.reset();
                  reset.reset();
                }}
              >
                Keep mine over theirs
              </Button>
            </div>
          </Alert>
        )}
        {notice && <Alert tone="success">{notice}</Alert>}
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" variant="primary" disabled={busy || !dirty}>
            {update.isPending ? "Saving…" : "Save"}
          </Button>
          {dirty && (
            <Button onClick={() => setDraft(base.draft)} disabled={busy}>
              Discard changes
            </Button>
          )}
          {view.source === "stored" && (
            <Button onClick={() => reset.mutate({ key: view.key, version: base.version })} disabled={busy}>
              Reset to default
            </Button>
          )}
          {view.updatedBy && view.updatedAt && (
            <span className="text-xs text-slate-500 dark:text-slate-400">
              Last changed by {view.updatedBy} at {new Date(view.updatedAt).toISOString().replace("T", " ").slice(0, 16)} UTC
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
