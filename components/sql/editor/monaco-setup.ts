// Loads Monaco from the bundled `monaco-editor` package. The default @monaco-editor/react loader
// fetches Monaco from a CDN, which this portal must never do (it runs on machines without
// internet access). Imported only by sql-editor.tsx, which the workbench loads with next/dynamic
// and ssr: false (editor-loader.tsx), so other pages never download Monaco.
//
// Only what an SQL editor uses: the editor API (which carries its core services), the SQL
// language (Monarch highlighting, loaded on first use) and the contributions below, instead of
// `features/register.all` (64 contributions: code lens, colour picker, inlay hints, inline
// completions, sticky scroll, rename, …, about 120 KB gzipped that no SQL editor here uses). No
// other language, no TypeScript/JSON/CSS/HTML workers. Add a contribution here when the
// workbench starts to use it (its folder under node_modules/monaco-editor/esm/vs/features/).
import * as monaco from "monaco-editor/editor";
import "monaco-editor/editor/browser/coreCommands"; // cursor moves, selection, undo/redo, tab
import "monaco-editor/features/codicon/register"; // the icon font of the widgets below
// Completion: the suggest widget (the `suggest` feature only registers its inline variant) and
// snippets, which function completions insert ("count($0)").
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
import "monaco-editor/features/snippet/register";
import "monaco-editor/features/hover/register"; // the message of an error marker, on hover
import "monaco-editor/features/gotoError/register"; // F8: next error
import "monaco-editor/features/find/register"; // Ctrl/⌘+F find, Ctrl/⌘+H replace
import "monaco-editor/features/contextmenu/register"; // right click: Run, Format, Cut/Copy/Paste
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/quickCommand/register"; // F1: every action by name
import "monaco-editor/features/gotoLine/register"; // Ctrl/⌘+G
import "monaco-editor/features/comment/register"; // Ctrl/⌘+/ toggles `--` comments
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/features/wordOperations/register"; // Ctrl/⌘+Backspace, Ctrl+Arrow
import "monaco-editor/features/multicursor/register"; // Ctrl/⌘+D, Alt+click
import "monaco-editor/features/linesOperations/register"; // Alt+↑/↓, duplicate and delete lines
import "monaco-editor/features/lineSelection/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/smartSelect/register"; // Shift+Alt+→ widens the selection
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/folding/register";
import "monaco-editor/features/toggleTabFocusMode/register"; // Ctrl+M: Tab leaves the editor (keyboard users)
import "monaco-editor/features/readOnlyMessage/register";
import "monaco-editor/features/unicodeHighlighter/register"; // invisible or look-alike characters in pasted SQL
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
