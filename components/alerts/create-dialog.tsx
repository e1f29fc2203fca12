"use client";
// The scaffolding the "New rule" and "New channel" dialogs share: a draft, a create mutation that
// refreshes its list and closes the dialog, field messages from the server's checks (any other
// refusal shown once under the form), Cancel / submit, and a reset whenever the dialog closes.
import { useState, type ReactNode } from "react";
import { useMutation, useQueryClient, type QueryKey, type UseMutationOptions } from "@tanstack/react-query";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

type Draft<D> = { draft: D; setDraft: (draft: D) => void; errors: Record<string, string[]> };

export function CreateDialog<D, TData, TError, TVars>({
  open,
  onClose,
  title,
  submitLabel,
  empty,
  fields,
  refresh,
  mutationOptions,
  toInput,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  empty: D;
  /** The draft's fields: a server message about one shows beside it, any other under the form. */
  fields: readonly string[];
  /** The list the new item appears in. */
  refresh: QueryKey;
  /** The tRPC procedure's mutation options, given the success handler. */
  mutationOptions: (handlers: { onSuccess: () => void }) => UseMutationOptions<TData, TError, TVars>;
  toInput: (draft: D) => TVars;
  children: (draft: Draft<D>) => ReactNode;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<D>(empty);
  const create = useMutation(
    mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: refresh });
        close();
      },
    }),
  );
  function close() {
    setDraft(empty);
    create.reset();
    onClose();
  }
  const errors = fieldErrors(create.error);
  const formError = create.error && !fields.some((f) => errors[f]?.length) ? errorMessage(create.error) : null;
  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      onSubmit={() => create.mutate(toInput(draft))}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {children({ draft, setDraft, errors })}
        {formError && <Alert tone="error">{formError}</Alert>}
      </div>
    </Dialog>
  );
}
