"use client";
// A compact labelled <select> for the toolbar. The current value stays selectable even when the
// option list does not (yet) hold it, e.g. while the list loads.
import { useId } from "react";
import { cx } from "@/components/lib/cx";
import { controlClasses } from "@/components/ui/form";

export type PickerOption = { value: string; label: string };

export function Picker({
  label,
  value,
  options,
  onChange,
  disabled,
  loading,
  className,
}: {
  label: string;
  value: string;
  options: PickerOption[];
  onChange: (value: string) => void;
  disabled?: boolean;
  loading?: boolean;
  className?: string;
}) {
  const id = useId();
  const all = value && !options.some((o) => o.value === value) ? [{ value, label: value }, ...options] : options;
  return (
    <div className={cx("flex min-w-0 items-center gap-1.5", className)}>
      <label htmlFor={id} className="shrink-0 text-xs font-medium text-slate-500 dark:text-slate-400">
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-busy={loading || undefined}
        onChange={(e) => onChange(e.target.value)}
        className={cx(controlClasses, "h-8 min-w-0 flex-1 py-0 pr-7 pl-2 text-[13px] sm:flex-initial")}
      >
        {all.length === 0 && <option value="">{loading ? "Loading…" : "None"}</option>}
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
