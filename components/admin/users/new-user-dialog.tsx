"use client";
// "New user": e-mail, name, role and a first password. Field errors come from the server
// (error.data.fieldErrors); after creating, the password is shown once so it can be handed over.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { MIN_PASSWORD_LENGTH } from "@/components/lib/password";
import { Alert } from "@/components/ui/alert";
import { ROLE_LABELS } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/form";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/lib/auth/roles";
import { PasswordField } from "./password-field";
import type { UserBasics } from "./types";

type Draft = { email: string; name: string; role: Role; password: string };
const EMPTY: Draft = { email: "", name: "", role: "viewer", password: "" };

export function NewUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: UserBasics) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [passwordVisible, setPasswordVisible] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const [created, setCreated] = useState<{ user: UserBasics; password: string } | null>(null);

  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: (user, input) => {
        setCreated({ user, password: input.password });
        onCreated(user);
        void queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
      },
    }),
  );

  function close() {
    onClose();
    // Forget everything, the password above all, once the dialog is gone.
    setDraft(EMPTY);
    setPasswordVisible(false);
    setLocalErrors({});
    setCreated(null);
    create.reset();
  }

  function submit() {
    // Quick checks so obvious slips need no round trip; the server has the final word.
    const errors: Record<string, string[]> = {};
    if (!draft.email.trim()) errors.email = ["Enter an e-mail address."];
    if (!draft.name.trim()) errors.name = ["Enter a name."];
    if (draft.password.length < MIN_PASSWORD_LENGTH) errors.password = [`Use at least ${MIN_PASSWORD_LENGTH} characters.`];
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    create.mutate({ email: draft.email.trim(), name: draft.name.trim(), role: draft.role, password: draft.password });
  }

  const serverErrors = fieldErrors(create.error);
  const errorsFor = (field: keyof Draft) => localErrors[field] ?? (create.error ? serverErrors[field] : undefined);
  // A message not tied to one field (or one the form cannot show under a field).
  const formError = create.error && !(["email", "name", "role", "password"] as const).some((f) => serverErrors[f]?.length) ? errorMessage(create.error) : null;

  if (created) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title="User created"
        step="created"
        description={
          <>
            <span className="font-medium text-slate-800 dark:text-slate-200">{created.user.name}</span> ({created.user.email}) can now sign in as{" "}
            {ROLE_LABELS[created.user.role].toLowerCase()}.
          </>
        }
        footer={
          <Button variant="primary" onClick={close}>
            Done
          </Button>
        }
      >
        <CopyField label="Password" value={created.password} />
        <Alert tone="info">Give this password to {created.user.name} over a safe channel. It is not shown again.</Alert>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New user"
      step="form"
      description="They can sign in as soon as you create the account."
      onSubmit={submit}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Create user
          </Button>
        </>
      }
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field label="E-mail" errors={errorsFor("email")}>
        {(props) => (
          <Input
            {...props}
            type="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={draft.email}
            onChange={(e) => setDraft({ ...draft, email: e.target.value })}
            data-autofocus
          />
        )}
      </Field>
      <Field label="Name" errors={errorsFor("name")}>
        {(props) => <Input {...props} autoComplete="off" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
      </Field>
      <Field label="Role" errors={errorsFor("role")} hint={ROLE_DESCRIPTIONS[draft.role]}>
        {(props) => (
          <Select {...props} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <PasswordField
        value={draft.password}
        onChange={(password) => setDraft({ ...draft, password })}
        errors={errorsFor("password")}
        visible={passwordVisible}
        onVisibleChange={setPasswordVisible}
      />
    </Dialog>
  );
}
