"use client";
// The grid's sorted/filtered view of the loaded rows, computed in slices (sliced.ts) so the page
// never freezes; the previous order stays on screen until the new one is ready, and a newer
// request (or Cancel) stops the running one. Rows that stream in after the order was computed
// are not in it; when the run finishes, the order is computed again over every loaded row.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ColumnKind } from "./column-kind";
import { buildRowView, isIdentity, type RowSource, type ViewSpec } from "./row-view";
import { CancelledError, runSliced } from "./sliced";

export type RowView = {
  /** Shown row → loaded row; null: every loaded row in the order it came. */
  order: Uint32Array | null;
  /** How many loaded rows the order was computed over. */
  coveredRows: number;
  /** 0…1 while a new order is being computed, else null. */
  progress: number | null;
  cancel: () => void;
};

export function useRowView(rows: RowSource, rowCount: number, kinds: ColumnKind[], spec: ViewSpec, finished: boolean): RowView {
  const [state, setState] = useState<{ order: Uint32Array | null; coveredRows: number; requestKey: string }>({ order: null, coveredRows: 0, requestKey: "" });
  const [progress, setProgress] = useState<{ requestKey: string; value: number } | null>(null);
  const [cancelled, setCancelled] = useState("");
  const controller = useRef<AbortController | null>(null);
  const identity = isIdentity(spec);
  const specKey = JSON.stringify(spec);
  // What to compute: the spec over the rows loaded when it was asked for, and once more over
  // every row when the run finishes (streaming rows alone do not restart the work).
  const [request, setRequest] = useState({ specKey: "", rows: 0, spec });
  if (!identity && (request.specKey !== specKey || (finished && request.rows !== rowCount))) setRequest({ specKey, rows: rowCount, spec });
  const requestKey = `${request.specKey}@${request.rows}`;

  useEffect(() => {
    controller.current?.abort();
    if (identity || request.specKey === "") return;
    const mine = new AbortController();
    controller.current = mine;
    runSliced(buildRowView(rows, request.rows, kinds, request.spec), { signal: mine.signal, onProgress: (value) => setProgress({ requestKey, value }) }).then(
      (order) => setState({ order, coveredRows: request.rows, requestKey }),
      (err: unknown) => {
        if (!(err instanceof CancelledError)) console.error(err);
      },
    );
    return () => mine.abort();
  }, [identity, request, requestKey, rows, kinds]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    setCancelled(requestKey);
  }, [requestKey]);
  const current = !identity && state.requestKey !== "" ? state : null;
  const running = !identity && request.specKey !== "" && state.requestKey !== requestKey && cancelled !== requestKey;
  return {
    order: current?.order ?? null,
    coveredRows: current ? current.coveredRows : rowCount,
    progress: running ? (progress?.requestKey === requestKey ? progress.value : 0) : null,
    cancel,
  };
}
