"use client";
// "New API token": a name, the scopes and a lifetime. After creating, the token is shown once
// with a Copy button: the portal keeps only its hash, so closing the dialog forgets it for good.
import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/form";
import { hasRole, type Role } from "@/lib/auth/roles";
import { SCOPE_DESCRIPTIONS, SCOPE_MIN_ROLE, SCOPES, type Scope } from "@/lib/auth/scopes";
import type { CreatedToken } from "./types";

const PRESET_DAYS = [7, 30, 90, 365];
type Draft = { name: string; scopes: Scope[]; expiry: string; customDays: string };
const EMPTY: Draft = { name: "", scopes: ["read"], expiry: "30", customDays: "" };

export function CreateTokenDialog({ open, onClose, role, maxDays }: { open: boolean; onClose: () => void; role: Role; maxDays: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scopesLegendId = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: (token) => {
        setCreated(token);
        void queryClient.invalidateQueries({ queryKey: trpc.tokens.pathKey() });
      },
    }),
  );

  function close() {
    onClose();
    // Forget the token text once the dialog is gone: it is never shown again.
    setDraft(EMPTY);
    setLocalErrors({});
    setCreated(null);
    create.reset();
  }

  const days = draft.expiry === "custom" ? Number(draft.customDays) : Number(draft.expiry);

  function submit() {
    const errors: Record<string, string[]> = {};
    if (!draft.name.trim()) errors.name = ["Give the token a name."];
    if (draft.scopes.length === 0) errors.scopes = ["Choose at least one scope."];
    if (!Number.isInteger(days) || days < 1 || days > maxDays) errors.expiresInDays = [`Between 1 and ${maxDays} days.`];
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    create.mutate({ name: draft.name.trim(), scopes: draft.scopes, expiresInDays: days });
  }

  function toggle(scope: Scope, on: boolean) {
    setDraft({ ...draft, scopes: on ? [...draft.scopes, scope] : draft.scopes.filter((s) => s !== scope) });
  }

  const serverErrors = fieldErrors(create.error);
  const errorsFor = (field: string) => localErrors[field] ?? (create.error ? serverErrors[field] : undefined);
  const formError = create.error && !["name", "scopes", "expiresInDays"].some((f) => serverErrors[f]?.length) ? errorMessage(create.error) : null;

  if (created) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title="API token created"
        step="created"
        description={
          <>
            <span className="font-medium text-slate-800 dark:text-slate-200">{created.name}</span> can be used until the date in the list, with the scopes{" "}
            {created.scopes.join(", ")}.
          </>
        }
        footer={
          <Button variant="primary" onClick={close}>
            Done
          </Button>
        }
      >
        <CopyField label="Your new API token" value={created.token} />
        <Alert tone="info">Copy it now and keep it somewhere safe: it is not shown again, and anyone who has it acts as you within its scopes.</Alert>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Send it as <code className="font-mono">Authorization: Bearer …</code>.
        </p>
      </Dialog>
    );
  }

  const scopeErrors = errorsFor("scopes");
  return (
    <Dialog
      open={open}
      onClose={close}
      title="New API token"
      step="form"
      description="For scripts and tools that call the portal's API as you."
      onSubmit={submit}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Create token
          </Button>
        </>
      }
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field label="Name" errors={errorsFor("name")} hint="What the token is for, e.g. “nightly export”.">
        {(props) => <Input {...props} autoComplete="off" maxLength={100} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-autofocus />}
      </Field>
      <fieldset aria-describedby={scopeErrors ? `${scopesLegendId}-error` : undefined} aria-invalid={scopeErrors ? true : undefined}>
        <legend id={scopesLegendId} className="text-sm font-medium text-slate-800 dark:text-slate-200">
          Scopes
        </legend>
        <div className="mt-2 space-y-2">
          {SCOPES.map((scope) => {
            const allowed = hasRole(role, SCOPE_MIN_ROLE[scope]);
            return (
              <label key={scope} className="flex items-start gap-2.5 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-sky-600"
                  checked={draft.scopes.includes(scope)}
                  disabled={!allowed}
                  onChange={(e) => toggle(scope, e.target.checked)}
                />
                <span className={allowed ? undefined : "opacity-60"}>
                  <code className="font-mono font-medium text-slate-900 dark:text-slate-100">{scope}</code>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {SCOPE_DESCRIPTIONS[scope]}
                    {!allowed && ` Needs the ${SCOPE_MIN_ROLE[scope]} role.`}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        {scopeErrors && (
          <p id={`${scopesLegendId}-error`} className="mt-1.5 text-xs font-medium text-red-700 dark:text-red-300">
            {scopeErrors.join(" ")}
          </p>
        )}
      </fieldset>
      <Field label="Expires after" errors={draft.expiry === "custom" ? undefined : errorsFor("expiresInDays")}>
        {(props) => (
          <Select {...props} value={draft.expiry} onChange={(e) => setDraft({ ...draft, expiry: e.target.value })}>
            {PRESET_DAYS.filter((d) => d <= maxDays).map((d) => (
              <option key={d} value={String(d)}>
                {d} days
              </option>
            ))}
            <option value="custom">Custom…</option>
          </Select>
        )}
      </Field>
      {draft.expiry === "custom" && (
        <Field label="Days" errors={errorsFor("expiresInDays")} hint={`From 1 to ${maxDays} days.`}>
          {(props) => (
            <Input
              {...props}
              type="number"
              inputMode="numeric"
              min={1}
              max={maxDays}
              value={draft.customDays}
              onChange={(e) => setDraft({ ...draft, customDays: e.target.value })}
            />
          )}
        </Field>
      )}
    </Dialog>
  );
}
