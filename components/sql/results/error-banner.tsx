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
    case "expired":
      return "The earlier result is no longer kept";
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

export function ErrorBanner({
  error,
  editorAt,
  onShowInEditor,
  onDismiss,
}: {
  error: RunError;
  /** Where the error is in the editor (the server's position is relative to the text sent). */
  editorAt: { lineNumber: number; column: number } | null;
  onShowInEditor?: () => void;
  onDismiss?: () => void;
}) {
  // Neither is a failure: the user stopped the query, or an old result has been cleared away.
  const calm = error.kind === "cancelled" || error.kind === "expired";
  const line = editorAt?.lineNumber ?? error.line;
  const column = editorAt?.column ?? error.column;
  return (
    <Alert
      tone={calm ? "info" : "error"}
      title={titleOf(error)}
      onDismiss={onDismiss}
      action={
        editorAt && onShowInEditor ? (
          <Button size="sm" variant="ghost" className="-ml-2.5" onClick={onShowInEditor}>
            Show line {editorAt.lineNumber} in the editor
          </Button>
        ) : undefined
      }
    >
      {/* The engine's own words keep their layout (carets under positions); the portal's are prose. */}
      <p className={error.kind === "http" || error.kind === "network" || error.kind === "expired" ? "" : "font-mono text-[13px] whitespace-pre-wrap"}>{error.message}</p>
      {line !== undefined && (
        <p className="mt-1 text-xs opacity-80" data-testid="error-position">
          At line {line}
          {column !== undefined ? `, column ${column}` : ""}
        </p>
      )}
    </Alert>
  );
}
