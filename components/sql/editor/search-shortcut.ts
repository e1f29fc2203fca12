// Ctrl/⌘+K inside the editor opens the portal's search palette, as it does everywhere else.
// Monaco reads Ctrl+K as the first key of a chord (Ctrl+K Ctrl+C comments a line, …): it stops
// the event, so the palette's window listener never hears it, and it waits for a second key,
// which it then swallows. A capturing listener on the editor's container sees the key before
// Monaco's own listener on the same node: it stops it there (no chord starts) and hands the page
// the same key press, which the palette (components/catalog/search-palette.tsx) answers.
import type * as MonacoTypes from "monaco-editor/editor";

export function isSearchShortcut(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k";
}

export function passSearchShortcutToPage(editor: MonacoTypes.editor.IStandaloneCodeEditor): void {
  const container = editor.getContainerDomNode();
  const onKeyDown = (event: KeyboardEvent) => {
    if (!isSearchShortcut(event)) return;
    event.preventDefault();
    event.stopPropagation();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: event.key, code: event.code, ctrlKey: event.ctrlKey, metaKey: event.metaKey, bubbles: true, cancelable: true }));
  };
  container.addEventListener("keydown", onKeyDown, { capture: true });
  editor.onDidDispose(() => container.removeEventListener("keydown", onKeyDown, { capture: true }));
}
