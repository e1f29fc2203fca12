"use client";
// Account › API tokens: the signed-in user's own tokens, a dialog to make one and revocation.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ListPanel } from "@/components/ui/list-panel";
import type { Role } from "@/lib/auth/roles";
import { CreateTokenDialog } from "./create-token-dialog";
import { RevokeTokenDialog } from "./revoke-token-dialog";
import { TokensTable } from "./tokens-table";
import type { TokenRow } from "./types";

export function AccountTokens({ role, maxDays }: { role: Role; maxDays: number }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.tokens.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">API tokens</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
            Tokens let scripts call the portal&apos;s API as you, limited to their scopes and to what your role allows at the time of each request.
          </p>
        </div>
        <Button variant="primary" onClick={() => setCreating(true)}>
          <Plus aria-hidden className="size-4" />
          New token
        </Button>
      </div>

      {notice && (
        <Alert tone="success" onDismiss={() => setNotice(null)}>
          {notice}
        </Alert>
      )}

      <ListPanel
        query={list}
        pending={<TokensTable tokens={undefined} onRevoke={() => {}} />}
        isEmpty={(tokens) => tokens.length === 0}
        empty={
          <EmptyState icon={KeyRound} title="No API tokens yet" action={<Button onClick={() => setCreating(true)}>New token</Button>}>
            Make one for a script or tool that needs to run SQL, read results or send lineage as you.
          </EmptyState>
        }
        reportStaleError
      >
        {(tokens) => <TokensTable tokens={tokens} onRevoke={setRevoking} />}
      </ListPanel>

      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} role={role} maxDays={maxDays} />
      <RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} onRevoked={(token) => setNotice(`Revoked ${token.name}.`)} />
    </div>
  );
}
