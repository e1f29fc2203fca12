"use client";
// Monaco only runs in a browser and weighs about 800 KB gzipped: load it on the workbench route
// alone, with a placeholder of the same size meanwhile.
import dynamic from "next/dynamic";
import { LoaderCircle } from "lucide-react";
import type { SqlEditorProps } from "./sql-editor";

// Preload: start fetching (and compiling, off the main thread) Monaco's chunks as soon as the
// workbench's own code runs, while the page is still hydrating, instead of when React first
// renders the placeholder below. It is the same module, so next/dynamic reuses this download
// (and, should it fail, tries again and lets the page's error boundary say so).
if (typeof window !== "undefined") import("./sql-editor").catch(() => {});

export const SqlEditor = dynamic<SqlEditorProps>(() => import("./sql-editor"), {
  ssr: false,
  loading: () => (
    <div role="status" className="flex h-full items-center justify-center gap-2 text-sm text-slate-500 dark:text-slate-400">
      <LoaderCircle aria-hidden className="size-4 animate-spin" />
      Loading the editor…
    </div>
  ),
});
