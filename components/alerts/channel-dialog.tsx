"use client";
// "New channel": a webhook URL in one of two formats. Generic JSON is signed with a secret the
// receiver shares (README: the X-Portal-Signature header); the secret is never shown again.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/form";
import { CHANNEL_KIND_LABELS } from "./labels";

type Draft = { name: string; kind: "slack" | "json"; url: string; secret: string };
const EMPTY: Draft = { name: "", kind: "slack", url: "", secret: "" };

export function ChannelDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const create = useMutation(
    trpc.alerts.createChannel.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.alerts.channels.queryKey() });
        close();
      },
    }),
  );
  function close() {
    setDraft(EMPTY);
    create.reset();
    onClose();
  }
  const errors = fieldErrors(create.error);
  const formError = create.error && !["name", "kind", "url", "secret"].some((f) => errors[f]?.length) ? errorMessage(create.error) : null;
  return (
    <Dialog
      open={open}
      onClose={close}
      title="New webhook channel"
      onSubmit={() => create.mutate({ name: draft.name, kind: draft.kind, url: draft.url, secret: draft.kind === "json" ? draft.secret : undefined })}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Add channel
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <Field label="Name" errors={errors.name}>
          {(p) => <Input {...p} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-autofocus />}
        </Field>
        <Field label="Format" errors={errors.kind}>
          {(p) => (
            <Select {...p} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Draft["kind"] })}>
              {Object.entries(CHANNEL_KIND_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Webhook URL" hint="http:// or https://; not the portal itself, nor a private network unless the operator allows it." errors={errors.url}>
          {(p) => <Input {...p} type="url" inputMode="url" value={draft.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} />}
        </Field>
        {draft.kind === "json" && (
          <Field label="Signing secret" hint="At least 16 characters; the receiver checks X-Portal-Signature with it." errors={errors.secret}>
            {(p) => <Input {...p} type="password" autoComplete="new-password" value={draft.secret} onChange={(e) => setDraft({ ...draft, secret: e.target.value })} />}
          </Field>
        )}
        {formError && <Alert tone="error">{formError}</Alert>}
      </div>
    </Dialog>
  );
}
