"use client";
// One filter of the lineage view (kind, namespace, owner): a labelled select whose first option
// means "no filter". Shown only when it can change something, or when it is set (so a shared link's
// filter can always be cleared).
import { cx } from "@/components/lib/cx";

type Props = {
  label: string;
  value: string | null;
  /** The first option, meaning "no filter" (its value is ""). */
  anyLabel: string;
  options: readonly (string | { value: string; label: string })[];
  onChange(value: string | null): void;
  className?: string;
};

export const filterSelectClass = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";
export const filterLabelClass = "flex min-w-0 items-center gap-1.5 text-sm text-slate-700 dark:text-slate-300";

export function FilterSelect({ label, value, anyLabel, options, onChange, className }: Props) {
  return (
    <label className={filterLabelClass}>
      {label}
      <select value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} className={cx(filterSelectClass, "max-w-48 min-w-0", className)}>
        <option value="">{anyLabel}</option>
        {options.map((o) => {
          const { value: v, label: text } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}
