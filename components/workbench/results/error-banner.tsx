"use client";
// Why a run failed or was refused, in the server's words, with where it failed when the engine
// said so (the line is also marked in the editor).
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { RunError } from "../run/types";

function titleOf(error: RunError): string {
  switch (error.kind) {
    case "user":
      return "The statement has an error";
    case "cancelled":
      return "Cancelled";
    case "unavailable":
      return "The query engine is unavailable";
    case "engine":
      return "The engine could not run the statement";
    case "network":
      return "Connection problem";
    case "http":
      switch (error.httpStatus) {
        case 401:
          return "You are signed out";
        case 403:
          return "Not allowed";
        case 404:
          return "Unknown engine";
        case 412:
          return "Not run: this statement needs your confirmation";
        case 413:
          return "The statement is too large";
        default:
          return "The statement was not run";
      }
  }
}

export function ErrorBanner({ error, editorLine, onShowInEditor, onDismiss }: { error: RunError; editorLine: number | null; onShowInEditor?: () => void; onDismiss?: () => void }) {
  const cancelled = error.kind === "cancelled";
  return (
    <Alert
      tone={cancelled ? "info" : "error"}
      title={titleOf(error)}
      onDismiss={onDismiss}
      action={
        editorLine && onShowInEditor ? (
          <Button size="sm" variant="ghost" className="-ml-2.5" onClick={onShowInEditor}>
            Show line {editorLine} in the editor
          </Button>
        ) : undefined
      }
    >
      <p className="font-mono text-[13px] whitespace-pre-wrap">{error.message}</p>
      {error.line !== undefined && (
        <p className="mt-1 text-xs opacity-80">
          At line {editorLine ?? error.line}
          {error.column !== undefined ? `, column ${error.column}` : ""}
          {editorLine !== null && editorLine !== error.line ? ` of the editor (line ${error.line} of the statement)` : ""}
        </p>
      )}
    </Alert>
  );
}
