// Entry of Monaco's editor web worker (word completion, link detection, diff computation). The
// SQL language itself (Monarch highlighting) runs in the page and needs no worker of its own.
// A local file, referenced relatively from monaco-setup.ts, so that any bundler (Turbopack,
// webpack) sees `new Worker(new URL("./…", import.meta.url))` and bundles it.
import "monaco-editor/editor/editor.worker.js";
