"use client";
// Inputs for the `{{name}}` parameters of the tab's SQL, above the editor. Each has a type: text
// (put in as a quoted string) or number (checked). Values are kept per tab (parameter-store.ts).
import { useId, useSyncExternalStore } from "react";
import { Braces } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import type { ParameterType } from "./parameters";
import { parameterStore } from "./parameter-store";

export function useTabParameters(tabId: string) {
  const store = parameterStore();
  return useSyncExternalStore(
    store.subscribe,
    () => store.valuesOf(tabId),
    () => store.valuesOf(tabId),
  );
}

/** The id of a parameter's input, so a refused run can put the focus on the empty one. */
export const parameterInputId = (name: string) => `query-parameter-${name}`;

export function ParameterBar({ tabId, names }: { tabId: string; names: string[] }) {
  const values = useTabParameters(tabId);
  const hintId = useId();
  if (names.length === 0) return null;
  const store = parameterStore();
  return (
    <div
      role="group"
      aria-label="Query parameters"
      aria-describedby={hintId}
      data-testid="query-parameters"
      className="flex flex-wrap items-end gap-x-3 gap-y-2 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 dark:border-slate-800 dark:bg-slate-900/60"
    >
      <p id={hintId} className="flex items-center gap-1.5 self-center text-xs text-slate-500 dark:text-slate-400">
        <Braces aria-hidden className="size-3.5" />
        <span>Parameters</span>
      </p>
      {names.map((name) => {
        const value = values[name] ?? { value: "", type: "text" as ParameterType };
        return (
          <div key={name} className="flex min-w-0 flex-col gap-0.5">
            <label htmlFor={parameterInputId(name)} className="font-mono text-[11px] text-slate-600 dark:text-slate-300">
              {`{{${name}}}`}
            </label>
            <div className="flex">
              <input
                id={parameterInputId(name)}
                value={value.value}
                inputMode={value.type === "number" ? "decimal" : "text"}
                spellCheck={false}
                placeholder={value.type === "number" ? "a number" : "text"}
                onChange={(e) => store.set(tabId, name, { ...value, value: e.target.value })}
                className={cx(
                  "h-8 w-36 min-w-0 rounded-l-md border border-r-0 border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-400 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-500",
                  focusRing,
                )}
              />
              <select
                aria-label={`Type of {{${name}}}`}
                value={value.type}
                onChange={(e) => store.set(tabId, name, { ...value, type: e.target.value as ParameterType })}
                className={cx(
                  "h-8 rounded-r-md border border-slate-300 bg-white px-1.5 text-xs text-slate-700 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200",
                  focusRing,
                )}
              >
                <option value="text">Text</option>
                <option value="number">Number</option>
              </select>
            </div>
          </div>
        );
      })}
    </div>
  );
}
