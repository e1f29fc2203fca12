// The failing position of a run, shown in the editor: a red squiggle with the message (a Monaco
// marker, also listed for screen readers by F8), a highlighted line and a glyph. They belong to
// the tab's model, so they stay when switching tabs, and go away at the first edit.
import type * as MonacoTypes from "monaco-editor/editor";
import type { Monaco } from "./monaco-setup";

export type RunTarget = {
  tabId: string;
  /** The text that was sent: the selection or the statement under the cursor. */
  sql: string;
  /** Where that text starts in the model, to move the server's position into the editor. */
  startOffset: number;
  /** The model's version when it was sent: a position is only meaningful for that text. */
  versionId: number;
};

const OWNER = "workbench";
const decorationIds = new WeakMap<MonacoTypes.editor.ITextModel, string[]>();
const clearOnEdit = new WeakMap<MonacoTypes.editor.ITextModel, MonacoTypes.IDisposable>();

/** 1-based line/column in the submitted text → 1-based position in the model. */
export function positionInModel(model: { getPositionAt(offset: number): { lineNumber: number; column: number } }, startOffset: number, line: number, column: number) {
  const base = model.getPositionAt(startOffset);
  return { lineNumber: base.lineNumber + line - 1, column: line === 1 ? base.column + column - 1 : column };
}

/** Marks the position; returns where it is in the model, or null when the text changed since the run. */
export function showErrorAt(
  monaco: Monaco,
  model: MonacoTypes.editor.ITextModel,
  target: RunTarget,
  line: number,
  column: number,
  message: string,
): { lineNumber: number; column: number } | null {
  if (model.getVersionId() !== target.versionId) return null;
  const raw = positionInModel(model, target.startOffset, line, Math.max(1, column));
  const lineNumber = Math.min(Math.max(1, raw.lineNumber), model.getLineCount());
  const maxColumn = model.getLineMaxColumn(lineNumber);
  const startColumn = Math.min(raw.column, maxColumn);
  const word = model.getWordAtPosition({ lineNumber, column: startColumn });
  const endColumn = word && word.startColumn === startColumn ? word.endColumn : Math.min(startColumn + 1, maxColumn);
  clearError(monaco, model);
  monaco.editor.setModelMarkers(model, OWNER, [
    { severity: monaco.MarkerSeverity.Error, message, startLineNumber: lineNumber, startColumn, endLineNumber: lineNumber, endColumn: Math.max(endColumn, startColumn + 1) },
  ]);
  const ids = model.deltaDecorations(
    [],
    [
      {
        range: new monaco.Range(lineNumber, 1, lineNumber, 1),
        options: {
          isWholeLine: true,
          className: "wb-error-line",
          glyphMarginClassName: "wb-error-glyph",
          glyphMarginHoverMessage: { value: message },
          overviewRuler: { color: "#dc2626", position: monaco.editor.OverviewRulerLane.Full },
        },
      },
    ],
  );
  decorationIds.set(model, ids);
  clearOnEdit.set(
    model,
    model.onDidChangeContent(() => clearError(monaco, model)),
  );
  return { lineNumber, column: startColumn };
}

export function clearError(monaco: Monaco, model: MonacoTypes.editor.ITextModel): void {
  if (model.isDisposed()) return;
  monaco.editor.setModelMarkers(model, OWNER, []);
  const ids = decorationIds.get(model);
  if (ids?.length) model.deltaDecorations(ids, []);
  decorationIds.delete(model);
  clearOnEdit.get(model)?.dispose();
  clearOnEdit.delete(model);
}
