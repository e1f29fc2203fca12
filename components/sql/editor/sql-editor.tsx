"use client";
// The Monaco editor of the workbench. One Monaco model per tab (so each tab keeps its own undo
// history and cursor); keyboard actions are registered once at mount and call the workbench
// through a ref, so they always see the current tab and state. Loaded only in the browser
// (editor-loader.tsx uses next/dynamic with ssr: false).
import "./editor.css";
import { useEffect, useLayoutEffect, useRef } from "react";
import Editor, { type OnMount } from "@monaco-editor/react";
import type * as MonacoTypes from "monaco-editor/editor";
import { statementAt } from "@/lib/sql/split";
import { setUpMonaco, type Monaco } from "./monaco-setup";
import { registerSqlCompletion } from "./completion";
import { clearError, showErrorAt, type RunTarget } from "./editor-markers";
import { passSearchShortcutToPage } from "./search-shortcut";

const monaco = setUpMonaco();

export type EditorActions = {
  run: () => void;
  format: () => void;
  save: () => void;
  cancel: () => void;
  /** Opens the keyboard-shortcut sheet. */
  showShortcuts?: () => void;
};

export type EditorHandle = {
  /** The selection, or else the statement under the cursor; null when there is nothing to run. */
  runTarget: () => RunTarget | null;
  /** The whole text of a tab's model (or of the active tab). */
  textOf: (tabId?: string) => string;
  /** Replaces the selection (or everything) with `transform(text)`, as one undoable edit. */
  transform: (transform: (sql: string) => string) => void;
  /** Marks the failing position; returns it in the editor, or null when the text changed since. */
  showError: (target: RunTarget, line: number, column: number, message: string) => { lineNumber: number; column: number } | null;
  clearError: (tabId: string) => void;
  /** Puts the cursor at a position of the active tab and focuses the editor. */
  reveal: (lineNumber: number, column: number) => void;
  /** Replaces the selection (or inserts at the cursor) with `text`, then focuses the editor. */
  insertText: (text: string) => void;
  /** Frees a closed tab's model (its undo history goes with it). */
  disposeTab: (tabId: string) => void;
  /** Puts text that came from elsewhere (another browser) into a tab's model, as one undoable edit. */
  replaceText: (tabId: string, sql: string) => void;
  focus: () => void;
};

export type SqlEditorProps = {
  tabId: string;
  /** The tab's SQL when its model is first created (after that the model is the live copy). */
  initialSql: string;
  dark: boolean;
  running: boolean;
  onChange: (tabId: string, sql: string) => void;
  actions: EditorActions;
  onReady: (handle: EditorHandle) => void;
};

export function modelUri(tabId: string): string {
  return `inmemory://workbench/${tabId}.sql`;
}

function modelOf(tabId: string): MonacoTypes.editor.ITextModel | null {
  return monaco.editor.getModel(monaco.Uri.parse(modelUri(tabId)));
}

export default function SqlEditor({ tabId, initialSql, dark, running, onChange, actions, onReady }: SqlEditorProps) {
  const editorRef = useRef<MonacoTypes.editor.IStandaloneCodeEditor | null>(null);
  const runningKey = useRef<MonacoTypes.editor.IContextKey<boolean> | null>(null);
  // Read by actions registered once; always the latest props (updated on commit, before any
  // effect or user event reads them; never during render, which may be thrown away).
  const actionsRef = useRef(actions);
  const tabIdRef = useRef(tabId);
  useLayoutEffect(() => {
    actionsRef.current = actions;
    tabIdRef.current = tabId;
  });

  useEffect(() => {
    runningKey.current?.set(running);
  }, [running]);

  const handleMount: OnMount = (editor) => {
    editorRef.current = editor;
    registerSqlCompletion(monaco);
    passSearchShortcutToPage(editor);
    runningKey.current = editor.createContextKey("workbenchRunning", running);
    const { KeyMod, KeyCode } = monaco;
    editor.addAction({
      id: "workbench.run",
      label: "Run selection or statement under the cursor",
      keybindings: [KeyMod.CtrlCmd | KeyCode.Enter],
      contextMenuGroupId: "navigation",
      contextMenuOrder: 0,
      run: () => actionsRef.current.run(),
    });
    editor.addAction({
      id: "workbench.format",
      label: "Format SQL",
      keybindings: [KeyMod.Shift | KeyMod.Alt | KeyCode.KeyF],
      contextMenuGroupId: "1_modification",
      run: () => actionsRef.current.format(),
    });
    editor.addAction({
      id: "workbench.shortcuts",
      label: "Show keyboard shortcuts",
      // Ctrl/⌘+/ stays Monaco's line comment inside the editor; Ctrl/⌘+? opens the sheet.
      keybindings: [KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.Slash],
      run: () => actionsRef.current.showShortcuts?.(),
    });
    editor.addAction({ id: "workbench.save", label: "Save query", keybindings: [KeyMod.CtrlCmd | KeyCode.KeyS], run: () => actionsRef.current.save() });
    editor.addAction({
      id: "workbench.cancel",
      label: "Cancel the running query",
      keybindings: [KeyCode.Escape],
      // Escape still closes the suggestion list, the find widget and other popups first.
      precondition: "workbenchRunning && !suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible",
      run: () => actionsRef.current.cancel(),
    });

    onReady({
      runTarget: () => {
        const model = editor.getModel();
        const selection = editor.getSelection();
        if (!model) return null;
        const base = { tabId: tabIdRef.current, versionId: model.getVersionId() };
        if (selection && !selection.isEmpty()) {
          const sql = model.getValueInRange(selection);
          if (sql.trim()) {
            flash(editor, selection);
            return { ...base, sql, startOffset: model.getOffsetAt(selection.getStartPosition()) };
          }
        }
        const position = editor.getPosition();
        const statement = statementAt(model.getValue(), position ? model.getOffsetAt(position) : 0);
        if (!statement) return null;
        const start = model.getPositionAt(statement.start);
        const end = model.getPositionAt(statement.end);
        flash(editor, new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column));
        return { ...base, sql: statement.text, startOffset: statement.start };
      },
      textOf: (id) => (id ? modelOf(id) : editor.getModel())?.getValue() ?? "",
      transform: (transform) => {
        const model = editor.getModel();
        if (!model) return;
        const selection = editor.getSelection();
        const range = selection && !selection.isEmpty() ? selection : model.getFullModelRange();
        const text = transform(model.getValueInRange(range));
        editor.pushUndoStop();
        editor.executeEdits("workbench.format", [{ range, text, forceMoveMarkers: true }]);
        editor.pushUndoStop();
        // Back to the text (after a click on Format), so Ctrl+Z undoes the formatting at once.
        editor.focus();
      },
      showError: (target, line, column, message) => {
        const model = modelOf(target.tabId);
        if (!model) return null;
        const position = showErrorAt(monaco, model, target, line, column, message);
        if (position && editor.getModel() === model) editor.revealLineInCenterIfOutsideViewport(position.lineNumber);
        return position;
      },
      clearError: (id) => {
        const model = modelOf(id);
        if (model) clearError(monaco, model);
      },
      reveal: (lineNumber, column) => {
        editor.setPosition({ lineNumber, column });
        editor.revealPositionInCenterIfOutsideViewport({ lineNumber, column });
        editor.focus();
      },
      insertText: (text) => {
        const selection = editor.getSelection();
        if (!editor.getModel() || !selection) return;
        editor.pushUndoStop();
        // The cursor goes after the inserted text (the inverse edit's range is where it landed).
        editor.executeEdits("workbench.insert", [{ range: selection, text, forceMoveMarkers: true }], (inverse) => {
          const end = inverse[0]?.range;
          return end ? [new monaco.Selection(end.endLineNumber, end.endColumn, end.endLineNumber, end.endColumn)] : null;
        });
        editor.pushUndoStop();
        editor.focus();
      },
      disposeTab: (id) => {
        // The model shown right now is disposed by the editor when it switches to the next tab.
        const model = modelOf(id);
        if (model && editor.getModel() !== model) model.dispose();
      },
      replaceText: (id, sql) => {
        const model = modelOf(id);
        if (!model || model.getValue() === sql) return; // no model yet: it is created with the tab's text
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: sql }], () => null);
      },
      focus: () => editor.focus(),
    });
    editor.focus();
  };

  return (
    <Editor
      path={modelUri(tabId)}
      defaultValue={initialSql}
      defaultLanguage="sql"
      theme={dark ? "portal-dark" : "portal-light"}
      beforeMount={defineThemes}
      onMount={handleMount}
      onChange={(value) => onChange(tabIdRef.current, value ?? "")}
      keepCurrentModel
      loading={null}
      options={EDITOR_OPTIONS}
    />
  );
}

// A constant: @monaco-editor/react calls editor.updateOptions whenever this object changes.
const EDITOR_OPTIONS: MonacoTypes.editor.IStandaloneEditorConstructionOptions = {
  ariaLabel: "SQL editor. Press Control+Enter to run the statement under the cursor.",
  automaticLayout: true,
  fixedOverflowWidgets: true,
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  fontSize: 13,
  glyphMargin: true,
  lineNumbersMinChars: 3,
  lineDecorationsWidth: 8,
  minimap: { enabled: false },
  padding: { top: 8, bottom: 8 },
  renderLineHighlight: "line",
  scrollBeyondLastLine: false,
  tabSize: 2,
  wordWrap: "on",
  quickSuggestions: { other: true, comments: false, strings: false },
};

/** vs / vs-dark with the portal's own background, so the editor sits well in both themes. */
function defineThemes(m: Monaco): void {
  m.editor.defineTheme("portal-light", { base: "vs", inherit: true, rules: [], colors: { "editor.background": "#ffffff" } });
  m.editor.defineTheme("portal-dark", {
    base: "vs-dark",
    inherit: true,
    rules: [],
    colors: { "editor.background": "#0f172a", "editorGutter.background": "#0f172a", "editor.lineHighlightBackground": "#1e293b80" },
  });
}

/** Briefly highlights what is about to run, so people see which statement Ctrl+Enter picked. */
function flash(editor: MonacoTypes.editor.IStandaloneCodeEditor, range: MonacoTypes.IRange): void {
  const collection = editor.createDecorationsCollection([{ range, options: { className: "wb-run-flash" } }]);
  setTimeout(() => collection.clear(), 600);
}
