"use client";
// HTTP 412 from the server: a destructive statement (DROP, TRUNCATE, DELETE or UPDATE without
// WHERE) runs only once the person confirms it, knowing what it is.
import { ConfirmDialog } from "@/components/ui/dialog";
import { statementVerb } from "../run/statement-verb";

export function ConfirmStatementDialog({ open, sql, message, onConfirm, onClose }: { open: boolean; sql: string; message: string; onConfirm: () => void; onClose: () => void }) {
  const verb = statementVerb(sql);
  const excerpt = sql.length > 600 ? `${sql.slice(0, 600)}…` : sql;
  return (
    <ConfirmDialog open={open} onClose={onClose} title={`Run this ${verb} statement?`} confirmLabel={`Run ${verb}`} tone="danger" pending={false} onConfirm={onConfirm}>
      <p>{message}</p>
      <pre className="mt-3 max-h-48 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2.5 font-mono text-xs whitespace-pre-wrap text-slate-800 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200">
        {excerpt}
      </pre>
      <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">This cannot be undone from the portal.</p>
    </ConfirmDialog>
  );
}
