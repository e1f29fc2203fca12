// Loads Monaco from the bundled `monaco-editor` package. The default @monaco-editor/react loader
// fetches Monaco from a CDN, which this portal must never do (it runs on machines without
// internet access). Only the editor core, its features and the SQL language are imported, not the
// 80 other languages. Imported only by sql-editor.tsx, which the workbench loads with
// next/dynamic and ssr: false, so other pages never download Monaco.
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/sql/register";
import { loader } from "@monaco-editor/react";

let configured = false;

export function setUpMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;
  self.MonacoEnvironment = {
    getWorker() {
      // Turbopack bundles the worker from this exact `new Worker(new URL(…))` shape, as a
      // classic worker (its bootstrap uses importScripts, so no `type: "module"`). Should a
      // bundler fail to produce it, Monaco runs the same code on the main thread.
      return new Worker(new URL("./editor.worker.ts", import.meta.url), { name: "monaco-editor-worker" });
    },
  };
  loader.config({ monaco });
  return monaco;
}

export type Monaco = typeof monaco;
export { monaco };
