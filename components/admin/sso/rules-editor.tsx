"use client";
// The claim → role rules, in evaluation order: edit in place, move up/down, delete after a
// confirmation, add at the end. Nothing is saved until the settings form is saved.
import { useState } from "react";
import { ArrowDown, ArrowUp, ListOrdered, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/form";
import { OPERATOR_LABELS, OUTCOME_LABELS, type SsoRule } from "./types";

const NEW_RULE: SsoRule = { claim: "groups", operator: "contains", value: "", outcome: "viewer" };

export function RulesEditor({ rules, onChange, disabled }: { rules: SsoRule[]; onChange: (rules: SsoRule[]) => void; disabled?: boolean }) {
  const [deleting, setDeleting] = useState<number | null>(null);
  const update = (index: number, patch: Partial<SsoRule>) => onChange(rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    next.splice(index + by, 0, rule!);
    onChange(next);
  };
  const toDelete = deleting === null ? null : rules[deleting];

  return (
    <div className="space-y-3">
      {rules.length === 0 ? (
        <EmptyState icon={ListOrdered} title="No rules yet">
          Without rules everybody gets the default role below, or is refused when there is none.
        </EmptyState>
      ) : (
        <ol className="space-y-2" aria-label="Claim to role rules, first match wins">
          {rules.map((rule, index) => (
            <li key={index} className="rounded-lg border border-slate-200 bg-slate-50 p-3 dark:border-slate-800 dark:bg-slate-950/40">
              <div className="flex flex-wrap items-center gap-2">
                <span className="w-14 shrink-0 text-xs font-semibold text-slate-500 dark:text-slate-400">Rule {index + 1}</span>
                <Input
                  aria-label={`Rule ${index + 1}: claim`}
                  className="w-full sm:w-40"
                  value={rule.claim}
                  disabled={disabled}
                  onChange={(e) => update(index, { claim: e.target.value })}
                  spellCheck={false}
                />
                <Select
                  aria-label={`Rule ${index + 1}: comparison`}
                  className="w-full sm:w-52"
                  value={rule.operator}
                  disabled={disabled}
                  onChange={(e) => update(index, { operator: e.target.value as SsoRule["operator"] })}
                >
                  {Object.entries(OPERATOR_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
                <Input
                  aria-label={`Rule ${index + 1}: value`}
                  className="w-full sm:w-44"
                  value={rule.value}
                  placeholder={rule.operator === "domain" ? "example.com" : "data-admins"}
                  disabled={disabled}
                  onChange={(e) => update(index, { value: e.target.value })}
                  spellCheck={false}
                />
                <span className="text-sm text-slate-500 dark:text-slate-400" aria-hidden>
                  →
                </span>
                <Select
                  aria-label={`Rule ${index + 1}: outcome`}
                  className="w-full sm:w-40"
                  value={rule.outcome}
                  disabled={disabled}
                  onChange={(e) => update(index, { outcome: e.target.value as SsoRule["outcome"] })}
                >
                  {Object.entries(OUTCOME_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
                <div className="ml-auto flex gap-1">
                  <Button size="sm" variant="ghost" aria-label={`Move rule ${index + 1} up`} disabled={disabled || index === 0} onClick={() => move(index, -1)}>
                    <ArrowUp aria-hidden className="size-4" />
                  </Button>
                  <Button size="sm" variant="ghost" aria-label={`Move rule ${index + 1} down`} disabled={disabled || index === rules.length - 1} onClick={() => move(index, 1)}>
                    <ArrowDown aria-hidden className="size-4" />
                  </Button>
                  <Button size="sm" variant="ghost" aria-label={`Delete rule ${index + 1}`} disabled={disabled} onClick={() => setDeleting(index)}>
                    <Trash2 aria-hidden className="size-4" />
                  </Button>
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      <Button size="sm" onClick={() => onChange([...rules, { ...NEW_RULE }])} disabled={disabled}>
        <Plus aria-hidden className="size-4" /> Add a rule
      </Button>
      <ConfirmDialog
        open={toDelete !== null && toDelete !== undefined}
        onClose={() => setDeleting(null)}
        title={`Delete rule ${deleting === null ? "" : deleting + 1}?`}
        confirmLabel="Delete rule"
        tone="danger"
        pending={false}
        onConfirm={() => {
          if (deleting !== null) onChange(rules.filter((_, i) => i !== deleting));
          setDeleting(null);
        }}
      >
        {toDelete && (
          <p>
            “{toDelete.claim} {OPERATOR_LABELS[toDelete.operator]} {toDelete.value || "…"} → {OUTCOME_LABELS[toDelete.outcome]}” is removed from the form. It takes effect when you
            save the settings.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
