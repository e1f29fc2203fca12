"use client";
// "New channel": a webhook URL in one of two formats. Generic JSON is signed with a secret the
// receiver shares (README: the X-Portal-Signature header); the secret is stored encrypted and
// never shown again.
import { useTRPC } from "@/components/trpc/react";
import { Field, Input, Select } from "@/components/ui/form";
import { CreateDialog } from "./create-dialog";
import { CHANNEL_KIND_LABELS } from "./labels";

type Draft = { name: string; kind: "slack" | "json"; url: string; secret: string };
const EMPTY: Draft = { name: "", kind: "slack", url: "", secret: "" };
const FIELDS = ["name", "kind", "url", "secret"] as const;

export function ChannelDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  return (
    <CreateDialog
      open={open}
      onClose={onClose}
      title="New webhook channel"
      submitLabel="Add channel"
      empty={EMPTY}
      fields={FIELDS}
      refresh={trpc.alerts.channels.queryKey()}
      mutationOptions={(handlers) => trpc.alerts.createChannel.mutationOptions(handlers)}
      toInput={(draft) => ({ name: draft.name, kind: draft.kind, url: draft.url, secret: draft.kind === "json" ? draft.secret : undefined })}
    >
      {({ draft, setDraft, errors }) => (
        <>
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
        </>
      )}
    </CreateDialog>
  );
}
