"use client";
// Admin › API tokens: every user's tokens, filtered by owner, any of them revocable.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { KeyRound, Search } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/form";
import { ListPanel } from "@/components/ui/list-panel";
import { Pagination } from "@/components/ui/pagination";
import { RevokeTokenDialog } from "./revoke-token-dialog";
import { TokensTable } from "./tokens-table";
import { ADMIN_TOKENS_PAGE_SIZE, adminTokensInput, type AdminTokenRow } from "./types";

export function AdminTokens() {
  const trpc = useTRPC();
  const [ownerText, setOwnerText] = useState("");
  const owner = useDebouncedValue(ownerText.trim(), 300);
  // The page belongs to one filter: changing it starts again at page 1.
  const [paging, setPaging] = useState({ owner, page: 1 });
  const page = paging.owner === owner ? paging.page : 1;
  const list = useQuery(trpc.tokens.all.queryOptions(adminTokensInput(owner, page), { placeholderData: keepPreviousData }));
  const [revoking, setRevoking] = useState<AdminTokenRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">API tokens</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Every user&apos;s personal API tokens. Revoking one stops it at once.</p>
      </div>

      {notice && (
        <Alert tone="success" onDismiss={() => setNotice(null)}>
          {notice}
        </Alert>
      )}

      <div className="relative sm:max-w-sm">
        <label htmlFor="tokens-owner" className="sr-only">
          Filter by owner
        </label>
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
        <Input id="tokens-owner" type="search" placeholder="Filter by owner's e-mail" value={ownerText} onChange={(e) => setOwnerText(e.target.value)} className="pl-9" />
      </div>

      <ListPanel
        query={list}
        pending={<TokensTable tokens={undefined} showOwner onRevoke={() => {}} />}
        isEmpty={(data) => data.total === 0}
        empty={
          owner ? (
            <EmptyState icon={Search} title="No tokens match" action={<Button onClick={() => setOwnerText("")}>Clear filter</Button>}>
              Nobody whose e-mail contains “{owner}” has an API token.
            </EmptyState>
          ) : (
            <EmptyState icon={KeyRound} title="No API tokens yet">
              Users make their own under their account menu › API tokens.
            </EmptyState>
          )
        }
        footer={(data) => (
          <Pagination label="API token pages" page={page} pageSize={ADMIN_TOKENS_PAGE_SIZE} total={data.total} onPageChange={(p) => setPaging({ owner, page: p })} />
        )}
        reportStaleError
      >
        {(data) => <TokensTable tokens={data.tokens} showOwner onRevoke={setRevoking} />}
      </ListPanel>

      <RevokeTokenDialog
        token={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(token) => setNotice(`Revoked ${token.name}${token.owner ? ` of ${token.owner.email}` : ""}.`)}
      />
    </div>
  );
}
