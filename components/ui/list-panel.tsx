"use client";
// One list's states, in the order every list page shows them: the error while there is nothing
// else to show (a failed refetch keeps the rows on screen), the placeholder until the first data
// arrives, the empty state, then the rows. ListPanel frames them in the lists' bordered card;
// ListStates alone serves a list without it (the catalog's search hits).
import type { ReactNode } from "react";
import { QueryError } from "@/components/ui/query-error";

/** What the states read of a query: any TanStack `useQuery` result fits. */
export type ListQuery<T> = { data: T | undefined; isError: boolean; error: unknown; refetch: () => unknown };

export type ListStatesProps<T> = {
  query: ListQuery<T>;
  /** Until the first data: SkeletonRows, or the content's own placeholder (a table of skeleton rows). */
  pending: ReactNode;
  isEmpty: (data: T) => boolean;
  /** Usually an EmptyState; it may differ with the filters (read when the data is empty). */
  empty: ReactNode;
  children: (data: T) => ReactNode;
};

export function ListStates<T>({ query, pending, isEmpty, empty, children }: ListStatesProps<T>) {
  const { data } = query;
  if (query.isError && data === undefined) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (data === undefined) return pending;
  return isEmpty(data) ? empty : children(data);
}

const card = "overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900";

export type ListPanelProps<T> = ListStatesProps<T> & {
  /** Inside the card, under a rule, while there are rows: the pager of the admin lists. */
  footer?: (data: T) => ReactNode;
  /** Under the card, compact: a refetch failed while older rows stay on screen. */
  reportStaleError?: boolean;
};

export function ListPanel<T>({ footer, reportStaleError = false, ...states }: ListPanelProps<T>) {
  const { query } = states;
  const { data } = query;
  const hasRows = data !== undefined && !states.isEmpty(data);
  return (
    <>
      <div className={card}>
        <ListStates {...states} />
        {footer && hasRows && <div className="border-t border-slate-200 px-4 py-3 dark:border-slate-800">{footer(data)}</div>}
      </div>
      {reportStaleError && query.isError && data !== undefined && <QueryError error={query.error} onRetry={() => void query.refetch()} compact />}
    </>
  );
}
