import type { ReactNode } from "react";
import { Pencil } from "lucide-react";
import { Button } from "@/components/ui/button";

/** One part of the dataset's side panel, with an Edit button for editors. */
export function Section({ title, onEdit, children }: { title: string; onEdit?: () => void; children: ReactNode }) {
  return (
    <div className="border-t border-slate-100 py-3 first:border-t-0 first:pt-0 last:pb-0 dark:border-slate-800">
      <div className="mb-1.5 flex min-h-7 items-center justify-between">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{title}</h3>
        {onEdit && (
          <Button size="sm" variant="ghost" onClick={onEdit} aria-label={`Edit ${title.toLowerCase()}`} className="h-7 px-2">
            <Pencil aria-hidden className="size-3.5" />
          </Button>
        )}
      </div>
      {children}
    </div>
  );
}
