"use client";
// The API tokens table, for one's own tokens and (with owners) for the admin overview. From the
// `md` breakpoint up a normal table; on phones each row is a small card (explicit ARIA roles keep
// the table semantics when CSS changes display), as in Admin › Users.
import { Ban } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton } from "@/components/ui/skeleton";
import { TokenStatusBadge } from "./token-status-badge";
import type { TokenRow } from "./types";

const th = "px-4 py-3 font-medium";
const pad = "md:px-4 md:py-3 md:align-middle";
const td = `md:table-cell ${pad}`;

type Row = TokenRow & { owner?: { email: string; name: string } };

export function TokensTable<R extends Row>({ tokens, showOwner = false, onRevoke }: { tokens: R[] | undefined; showOwner?: boolean; onRevoke: (token: R) => void }) {
  return (
    <div className="relative overflow-x-auto">
      <table role="table" aria-label="API tokens" aria-busy={!tokens || undefined} className="block w-full text-left text-sm md:table">
        <thead
          role="rowgroup"
          className="hidden border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-500 uppercase md:table-header-group dark:border-slate-800 dark:bg-slate-900/80 dark:text-slate-400"
        >
          <tr role="row">
            <th role="columnheader" scope="col" className={th}>
              Name
            </th>
            {showOwner && (
              <th role="columnheader" scope="col" className={th}>
                Owner
              </th>
            )}
            <th role="columnheader" scope="col" className={th}>
              Scopes
            </th>
            <th role="columnheader" scope="col" className={`${th} hidden lg:table-cell`}>
              Created
            </th>
            <th role="columnheader" scope="col" className={th}>
              Last used
            </th>
            <th role="columnheader" scope="col" className={`${th} hidden lg:table-cell`}>
              Expires
            </th>
            <th role="columnheader" scope="col" className={th}>
              Status
            </th>
            <th role="columnheader" scope="col" className={`${th} text-right`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup" className="block divide-y divide-slate-100 md:table-row-group dark:divide-slate-800">
          {!tokens
            ? Array.from({ length: 3 }, (_, i) => <SkeletonRow key={i} showOwner={showOwner} />)
            : tokens.map((token) => (
                <tr
                  key={token.id}
                  role="row"
                  className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-2 px-4 py-3.5 md:table-row md:p-0 md:hover:bg-slate-50/60 dark:md:hover:bg-slate-800/30"
                >
                  <td role="cell" className={`${td} min-w-0`}>
                    <span className="block truncate font-medium text-slate-900 dark:text-slate-100" title={token.name}>
                      {token.name}
                    </span>
                    <code className="text-xs text-slate-500 dark:text-slate-400" title="The token's prefix: its first characters">
                      lhp_{token.prefix}_…
                    </code>
                  </td>
                  {showOwner && (
                    <td role="cell" className={`${td} col-span-2 min-w-0 md:col-span-1`}>
                      <span className="block truncate text-slate-700 dark:text-slate-300" title={token.owner?.email}>
                        <span className="text-slate-500 md:hidden dark:text-slate-400">Owner: </span>
                        {token.owner?.email}
                      </span>
                    </td>
                  )}
                  <td role="cell" className={`${td} col-span-2 md:col-span-1`}>
                    <span className="flex flex-wrap gap-1">
                      {token.scopes.map((scope) => (
                        <Badge key={scope} tone="sky">
                          {scope}
                        </Badge>
                      ))}
                    </span>
                  </td>
                  <td role="cell" className={`${pad} hidden whitespace-nowrap text-slate-600 lg:table-cell dark:text-slate-400`}>
                    <LocalTime value={token.createdAt} format="date" />
                  </td>
                  <td role="cell" className={`${td} whitespace-nowrap text-slate-600 dark:text-slate-400`}>
                    <span className="md:hidden">Last used </span>
                    <LocalTime value={token.lastUsedAt} empty="Never" />
                  </td>
                  <td role="cell" className={`${pad} hidden whitespace-nowrap text-slate-600 lg:table-cell dark:text-slate-400`}>
                    <LocalTime value={token.expiresAt} format="date" />
                  </td>
                  <td role="cell" className={`${td} justify-self-end`}>
                    <TokenStatusBadge status={token.status} />
                  </td>
                  <td role="cell" className={`${td} col-span-2 md:py-2`}>
                    <div className="flex md:justify-end">
                      {token.status !== "revoked" && (
                        <Button size="sm" aria-label={`Revoke ${token.name}`} title={`Revoke ${token.name}`} onClick={() => onRevoke(token)}>
                          <Ban aria-hidden className="size-4" />
                          Revoke
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}

function SkeletonRow({ showOwner }: { showOwner: boolean }) {
  return (
    <tr role="row" className="grid grid-cols-[1fr_auto] gap-3 px-4 py-4 md:table-row md:p-0">
      <td className={td}>
        <Skeleton className="h-4 w-36" />
      </td>
      {showOwner && (
        <td className={td}>
          <Skeleton className="h-4 w-40" />
        </td>
      )}
      <td className={td}>
        <Skeleton className="h-5 w-24 rounded-full" />
      </td>
      <td className={`${pad} hidden lg:table-cell`}>
        <Skeleton className="h-4 w-24" />
      </td>
      <td className={td}>
        <Skeleton className="h-4 w-28" />
      </td>
      <td className={`${pad} hidden lg:table-cell`}>
        <Skeleton className="h-4 w-24" />
      </td>
      <td className={td}>
        <Skeleton className="h-5 w-16 rounded-full" />
      </td>
      <td className={td}>
        <Skeleton className="h-8 w-20 md:ml-auto" />
      </td>
    </tr>
  );
}
