"use client";
// The `{{name}}` parameters of the active tab's SQL, for the inputs above the editor. The tabs'
// store does not re-render on typing (the Monaco model is the live copy), so the workbench passes
// every change through `onSql`; React re-renders only when the list of names changes.
import { useCallback, useState } from "react";
import { findParameters } from "./parameters";

const namesIn = (sql: string) => (sql.includes("{{") ? findParameters(sql) : []);
const sameNames = (a: string[], b: string[]) => a.length === b.length && a.every((n, i) => n === b[i]);

export function useParameterNames(tabId: string, tabSql: string) {
  const [state, setState] = useState(() => ({ tabId, names: namesIn(tabSql) }));
  // Another tab shown: its own names (adjusted during render, as React recommends for derived state).
  let current = state;
  if (state.tabId !== tabId) {
    current = { tabId, names: namesIn(tabSql) };
    setState(current);
  }
  const onSql = useCallback((id: string, sql: string) => {
    setState((s) => {
      if (s.tabId !== id) return s;
      const names = namesIn(sql);
      return sameNames(s.names, names) ? s : { tabId: id, names };
    });
  }, []);
  return { names: current.names, onSql };
}
