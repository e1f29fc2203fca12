"use client";
// The filter bar the pipelines and runs pages share: a search form in a card whose grid columns
// the page chooses, labelled fields, and the run-state choice (the same states on both pages).
// Typed fields apply on submit (Enter or the page's button); choices apply at once.
import type { ReactNode } from "react";
import { Select } from "@/components/ui/form";

export function FilterBar({
  label,
  columns,
  onSubmit,
  children,
}: {
  label: string;
  /** Tailwind grid-cols classes for sm/lg. */ columns: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <form
      role="search"
      aria-label={label}
      className={`grid grid-cols-2 gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm ${columns} dark:border-slate-800 dark:bg-slate-900`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

export function FilterField({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <label className={`block text-xs font-medium text-slate-600 dark:text-slate-400 ${className}`}>
      {label}
      {children}
    </label>
  );
}

/** A run state filter: "" is any state. */
export function StateSelect({ value, anyLabel, onChange }: { value: string; anyLabel: string; onChange: (state: string | undefined) => void }) {
  return (
    <Select className="mt-1" value={value} onChange={(e) => onChange(e.target.value || undefined)}>
      <option value="">{anyLabel}</option>
      <option value="FAIL">Failed</option>
      <option value="running">Running</option>
      <option value="COMPLETE">Succeeded</option>
      <option value="ABORT">Aborted</option>
    </Select>
  );
}
