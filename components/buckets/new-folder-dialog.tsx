"use client";
// A new, empty folder in the current one; opening it afterwards is where people want to be.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/form";
import { useTRPC } from "@/components/trpc/react";
import { folderHref } from "./paths";

export function NewFolderDialog({ bucket, prefix, open, onClose }: { bucket: string; prefix: string; open: boolean; onClose: () => void }) {
  const api = useTRPC().buckets;
  const router = useRouter();
  const [name, setName] = useState("");
  const create = useMutation(api.createFolder.mutationOptions({ onSuccess: (result) => router.push(folderHref(bucket, result.prefix)) }));
  const close = () => {
    setName("");
    create.reset();
    onClose();
  };
  const errors = fieldErrors(create.error);
  return (
    <Dialog
      open={open}
      onClose={close}
      title="New folder"
      description={
        <>
          In{" "}
          <span className="font-mono">
            {bucket}/{prefix}
          </span>
        </>
      }
      size="sm"
      onSubmit={() => create.mutate({ bucket, prefix, name })}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending} disabled={!name.trim()}>
            Create folder
          </Button>
        </>
      }
    >
      <Field label="Folder name" errors={errors.name}>
        {(props) => <Input {...props} data-autofocus value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" spellCheck={false} placeholder="e.g. 2024-06" />}
      </Field>
      {create.error && !errors.name && <Alert tone="error">{errorMessage(create.error)}</Alert>}
    </Dialog>
  );
}
