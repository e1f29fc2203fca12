"use client";
// Deleting is confirmed with what it will remove, counted by the server: the files picked and
// everything inside the folders picked ("13 objects, 125 KB"), before anything is touched.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/components/lib/trpc-errors";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import { formatBytes, formatCount } from "./format";

export type DeleteTarget = { keys: string[]; prefixes: string[] };

export function DeleteDialog({ bucket, target, onClose, onDeleted }: { bucket: string; target: DeleteTarget | null; onClose: () => void; onDeleted: () => void }) {
  const api = useTRPC().buckets;
  const queryClient = useQueryClient();
  const input = { bucket, keys: target?.keys ?? [], prefixes: target?.prefixes ?? [] };
  const plan = useQuery(api.deletePlan.queryOptions(input, { enabled: target !== null, staleTime: 0, gcTime: 0 }));
  const remove = useMutation(
    api.delete.mutationOptions({
      onSuccess: async () => {
        await Promise.all([queryClient.invalidateQueries({ queryKey: api.objects.pathKey() }), queryClient.invalidateQueries({ queryKey: api.summary.pathKey() })]);
        onDeleted();
      },
    }),
  );
  const names = [...input.prefixes.map((p) => `${p.split("/").at(-2)}/`), ...input.keys.map((k) => k.split("/").at(-1)!)];
  const data = plan.data;
  const total = data ? `${data.complete ? "" : "at least "}${formatCount(data.totalObjects, "object")}` : null;

  return (
    <ConfirmDialog
      open={target !== null}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      title={`Delete ${names.length === 1 ? `“${names[0]}”` : `${names.length} items`}?`}
      confirmLabel={total ? `Delete ${total}` : "Delete"}
      tone="danger"
      pending={remove.isPending}
      error={remove.error ? errorMessage(remove.error) : plan.error ? errorMessage(plan.error) : null}
      onConfirm={() => data && remove.mutate(input)}
    >
      <p>
        From bucket <strong className="font-semibold text-slate-900 dark:text-white">{bucket}</strong>:
      </p>
      <ul className="mt-2 max-h-32 list-disc space-y-0.5 overflow-y-auto pl-5 font-mono text-xs break-all">
        {names.slice(0, 8).map((name) => (
          <li key={name}>{name}</li>
        ))}
        {names.length > 8 && <li className="list-none font-sans">and {names.length - 8} more</li>}
      </ul>
      <div className="mt-3" aria-live="polite">
        {data ? (
          <p data-testid="delete-summary">
            This deletes <strong className="font-semibold text-slate-900 dark:text-white">{total}</strong> ({data.complete ? "" : "over "}
            {formatBytes(data.totalBytes)}){data.folders.length > 0 && <>, including everything inside {formatCount(data.folders.length, "folder")}</>}. It cannot be undone.
          </p>
        ) : plan.isPending ? (
          <span className="flex items-center gap-2">
            <Skeleton className="h-4 w-56" />
            <span className="sr-only">Counting what will be deleted…</span>
          </span>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
