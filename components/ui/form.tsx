import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { cx } from "@/components/lib/cx";

export const controlClasses =
  "block rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 " +
  "focus:border-sky-600 focus:outline-2 focus:-outline-offset-1 focus:outline-sky-600 disabled:cursor-not-allowed disabled:opacity-60 " +
  "aria-invalid:border-red-500 aria-invalid:focus:outline-red-500 " +
  "dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 dark:focus:border-sky-400 dark:focus:outline-sky-400";

/** Full width unless the caller sets a width of its own. */
function widthOr(className: string | undefined): string | undefined {
  return className && /(^|\s|:)w-/.test(className) ? undefined : "w-full";
}

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input({ className, ...props }, ref) {
  return <input ref={ref} className={cx(controlClasses, "h-10", widthOr(className), className)} {...props} />;
});

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select({ className, children, ...props }, ref) {
  return (
    <select ref={ref} className={cx(controlClasses, "h-10 pr-8", widthOr(className), className)} {...props}>
      {children}
    </select>
  );
});

/**
 * A labelled form control with an optional hint and error messages below it. The control is
 * rendered by `children(props)` so it gets the id, aria-invalid and aria-describedby it needs.
 */
export function Field({
  label,
  hint,
  errors,
  children,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | undefined;
  children: (props: { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined }) => ReactNode;
  className?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasErrors = !!errors?.length;
  const describedBy = [hint ? hintId : null, hasErrors ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      {children({ id, "aria-invalid": hasErrors || undefined, "aria-describedby": describedBy })}
      {hint && !hasErrors && (
        <p id={hintId} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {hasErrors && (
        <p id={errorId} className="text-xs font-medium text-red-700 dark:text-red-300">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
