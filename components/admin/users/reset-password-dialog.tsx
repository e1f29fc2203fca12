"use client";
// Reset a user's password: generate or type one, then see it once with a Copy button. The
// server also ends the user's sessions and lifts a sign-in lock-out.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { MIN_PASSWORD_LENGTH } from "@/components/lib/password";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { PasswordField } from "./password-field";
import type { UserBasics } from "./types";

export function ResetPasswordDialog({ user, onClose }: { user: UserBasics | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState("");
  const [visible, setVisible] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions({
      onSuccess: (_user, input) => {
        setDone(input.password);
        void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
      },
    }),
  );

  function close() {
    onClose();
    setPassword("");
    setVisible(false);
    setLocalError(null);
    setDone(null);
    reset.reset();
  }

  function submit() {
    if (!user) return;
    if (password.length < MIN_PASSWORD_LENGTH) {
      setLocalError(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
      return;
    }
    setLocalError(null);
    reset.mutate({ userId: user.id, password });
  }

  const open = user !== null;
  const name = user?.name ?? "";

  if (done !== null) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title="Password reset"
        step="done"
        description={`${name} can now sign in with this password. Their other sessions were signed out.`}
        footer={
          <Button variant="primary" onClick={close}>
            Done
          </Button>
        }
      >
        <CopyField label="New password" value={done} />
        <Alert tone="info">Copy it now and give it to {name} over a safe channel. It is not shown again.</Alert>
      </Dialog>
    );
  }

  const serverFieldError = fieldErrors(reset.error).password;
  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Reset password for ${name}`}
      step="form"
      description={<>{user?.email}. Their current password stops working at once and they are signed out everywhere.</>}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={reset.isPending}>
            Reset password
          </Button>
        </>
      }
    >
      {reset.error && !serverFieldError && <Alert tone="error">{errorMessage(reset.error)}</Alert>}
      <PasswordField
        label="New password"
        value={password}
        onChange={setPassword}
        errors={localError ? [localError] : serverFieldError}
        visible={visible}
        onVisibleChange={setVisible}
      />
    </Dialog>
  );
}
