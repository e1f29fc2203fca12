"use client";
// A query plan drawn as a tree: every operator with its estimated rows (and cost on Trino), its
// details folded under it, its inputs indented below. Operators are <details>, so each opens and
// closes with a click, Enter or Space, and the browser's find reaches folded text too.
import type { RouterOutputs } from "@/server/api/root";
import { formatCount } from "../format";

export type PlanNode = RouterOutputs["sql"]["explain"]["plan"][number];

export function PlanTree({ roots }: { roots: PlanNode[] }) {
  if (roots.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">The engine returned an empty plan.</p>;
  return (
    <ul className="space-y-1 font-mono text-xs" data-testid="plan-tree">
      {roots.map((node, i) => (
        <PlanItem key={i} node={node} depth={0} />
      ))}
    </ul>
  );
}

function PlanItem({ node, depth }: { node: PlanNode; depth: number }) {
  const estimates = [
    node.estimatedRows !== null && `~${formatCount(Math.round(node.estimatedRows))} rows`,
    node.estimatedCost !== null && `cost ${formatCount(Math.round(node.estimatedCost))}`,
  ].filter(Boolean);
  return (
    <li className={depth > 0 ? "border-l border-slate-200 pl-3 dark:border-slate-700" : undefined}>
      <details open className="group" data-operator={node.operator}>
        <summary className="flex cursor-pointer list-none items-baseline gap-2 rounded px-1 py-0.5 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-slate-800">
          <span aria-hidden className="inline-block w-3 text-slate-400 transition-transform group-open:rotate-90">
            ▸
          </span>
          <span className="font-semibold text-slate-900 dark:text-slate-100">{node.operator}</span>
          {estimates.length > 0 && <span className="text-slate-500 dark:text-slate-400">{estimates.join(" · ")}</span>}
        </summary>
        {node.details.length > 0 && (
          <ul className="mb-1 ml-5 space-y-0.5 text-slate-600 dark:text-slate-300">
            {node.details.map((d, i) => (
              <li key={i} className="break-all">
                {d}
              </li>
            ))}
          </ul>
        )}
        {node.children.length > 0 && (
          <ul className="ml-2 space-y-1">
            {node.children.map((child, i) => (
              <PlanItem key={i} node={child} depth={depth + 1} />
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}
