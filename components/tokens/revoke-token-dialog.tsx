"use client";
// Revoking a token, confirmed first: scripts that use it get 401 from the next request on.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage } from "@/components/lib/trpc-errors";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { TokenRow } from "./types";

type Revocable = Pick<TokenRow, "id" | "name" | "prefix"> & { owner?: { email: string } };

export function RevokeTokenDialog({ token, onClose, onRevoked }: { token: Revocable | null; onClose: () => void; onRevoked: (token: Revocable) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: () => {
        if (token) onRevoked(token);
        onClose();
        void queryClient.invalidateQueries({ queryKey: trpc.tokens.pathKey() });
      },
    }),
  );
  return (
    <ConfirmDialog
      open={token !== null}
      onClose={() => {
        revoke.reset();
        onClose();
      }}
      title={token ? `Revoke ${token.name}?` : ""}
      confirmLabel="Revoke token"
      tone="danger"
      pending={revoke.isPending}
      error={revoke.error ? errorMessage(revoke.error) : null}
      onConfirm={() => token && revoke.mutate({ id: token.id })}
    >
      {token && (
        <p>
          Every script using <code className="font-mono">lhp_{token.prefix}_…</code>
          {token.owner ? ` (of ${token.owner.email})` : ""} is refused from its next request on. This cannot be undone.
        </p>
      )}
    </ConfirmDialog>
  );
}
