"use client";
// Editing a list of labels (owners, tags, glossary terms): chips to remove, a field to add one
// (with suggestions), Save or Cancel. Checks each new value before it is added.
import { useId, useState, type ReactNode } from "react";
import { Plus, X } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { Alert } from "@/components/ui/alert";
import { Button, focusRing } from "@/components/ui/button";
import { Input } from "@/components/ui/form";

export type LabelEditorProps = {
  label: string;
  initial: string[];
  suggestions: string[];
  placeholder: string;
  /** A message when the value cannot be added, else null. */
  check: (value: string) => string | null;
  normalize?: (value: string) => string;
  onSave: (values: string[]) => void;
  onCancel: () => void;
  pending: boolean;
  error: string | null;
  /** Extra fields shown under the input (e.g. a definition for a new glossary term). */
  extra?: ReactNode;
  onSearch?: (text: string) => void;
};

export function LabelEditor({ label, initial, suggestions, placeholder, check, normalize = (v) => v.trim(), onSave, onCancel, pending, error, extra, onSearch }: LabelEditorProps) {
  const [values, setValues] = useState(initial);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const listId = useId();

  const add = () => {
    const value = normalize(text);
    if (!value) return;
    if (values.some((v) => v.toLowerCase() === value.toLowerCase())) {
      setProblem(`“${value}” is already in the list.`);
      return;
    }
    const message = check(value);
    if (message) {
      setProblem(message);
      return;
    }
    setValues([...values, value]);
    setText("");
    setProblem(null);
  };

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        // A value typed but not added yet is what people mean to save.
        if (text.trim()) {
          const value = normalize(text);
          const message = values.includes(value) ? null : check(value);
          if (message) return setProblem(message);
          onSave(values.includes(value) ? values : [...values, value]);
        } else onSave(values);
      }}
    >
      <ul className="flex flex-wrap gap-1.5" aria-label={label}>
        {values.map((v) => (
          <li key={v} className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-200">
            {v}
            <button
              type="button"
              onClick={() => setValues(values.filter((x) => x !== v))}
              aria-label={`Remove ${v}`}
              className={cx("rounded-full p-0.5 hover:bg-slate-200 dark:hover:bg-slate-700", focusRing)}
            >
              <X aria-hidden className="size-3.5" />
            </button>
          </li>
        ))}
        {values.length === 0 && <li className="text-sm text-slate-500 dark:text-slate-400">None.</li>}
      </ul>
      <div className="flex gap-1.5">
        <Input
          aria-label={`Add to ${label.toLowerCase()}`}
          list={listId}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
            onSearch?.(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && text.trim()) {
              e.preventDefault();
              add();
            }
          }}
          placeholder={placeholder}
          className="h-8"
          aria-invalid={problem ? true : undefined}
        />
        <datalist id={listId}>
          {suggestions
            .filter((s) => !values.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
        <Button size="sm" onClick={add} aria-label={`Add to ${label.toLowerCase()}`} disabled={!text.trim()}>
          <Plus aria-hidden className="size-4" />
        </Button>
      </div>
      {extra}
      {problem && <p className="text-xs text-red-700 dark:text-red-300">{problem}</p>}
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" type="submit" variant="primary" pending={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
