"use client";
// Monaco only runs in a browser and weighs a few MB: load it on the workbench route alone, after
// the page is interactive, with a placeholder of the same size meanwhile.
import dynamic from "next/dynamic";
import { LoaderCircle } from "lucide-react";
import type { SqlEditorProps } from "./sql-editor";

export const SqlEditor = dynamic<SqlEditorProps>(() => import("./sql-editor"), {
  ssr: false,
  loading: () => (
    <div role="status" className="flex h-full items-center justify-center gap-2 text-sm text-slate-500 dark:text-slate-400">
      <LoaderCircle aria-hidden className="size-4 animate-spin" />
      Loading the editor…
    </div>
  ),
});
