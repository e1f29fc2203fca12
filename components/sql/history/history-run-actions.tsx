"use client";
// The actions of one history entry, shared by the table row and the phone card: open the kept
// result (no new run) when the server kept it, and open the statement in a new editor tab.
import { SquarePen, TableProperties } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { Button } from "@/components/ui/button";
import { useOpenInEditor } from "../tabs/open-in-editor";
import type { HistoryRun } from "./types";

export function HistoryRunActions({ run, className }: { run: HistoryRun; className?: string }) {
  const openInEditor = useOpenInEditor();
  const where = { sql: run.sql, engineId: run.engineId, catalog: run.catalog, schema: run.schema };
  return (
    <div className={cx("flex gap-0.5 whitespace-nowrap", className)}>
      {run.resultKept && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => openInEditor({ ...where, title: "Kept result", keptRunId: run.id })}
          aria-label={`Open the kept result of: ${run.sql.slice(0, 60)}`}
          title="Show the result this run returned, kept by the server: the query does not run again"
        >
          <TableProperties aria-hidden className="size-4" />
          Open result
        </Button>
      )}
      <Button size="sm" variant="ghost" onClick={() => openInEditor({ ...where, title: "From history" })} aria-label={`Open in editor: ${run.sql.slice(0, 60)}`}>
        <SquarePen aria-hidden className="size-4" />
        Open in editor
      </Button>
    </div>
  );
}
