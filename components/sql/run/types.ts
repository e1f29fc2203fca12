// The browser's view of one run of POST /api/sql/execute. Event and request shapes come from the
// server's own types (type-only imports: nothing of the server is bundled).
import type { RunEvent } from "@/server/sql/run-query";
import type { ExecuteInput } from "@/server/sql/schemas";
import type { EngineColumn, EngineProgress, EngineRow } from "@/server/engines/query-engine";
import type { RowStore } from "./row-store";

export type { RunEvent, EngineColumn as ResultColumn, EngineRow as ResultRow, EngineProgress };

/** The JSON body of POST /api/sql/execute (and the fields of a download form). */
export type ExecuteBody = Omit<ExecuteInput, "limit"> & { limit: number };

export type RunStatus =
  | "running"
  | "succeeded"
  | "failed"
  | "cancelled"
  /** Refused before anything ran (HTTP 400/403/404/413/401…). */
  | "refused"
  /** HTTP 412: a destructive statement waits for the user's confirmation. */
  | "needs-confirmation";

export type RunErrorKind =
  | Extract<RunEvent, { type: "error" }>["kind"]
  | "http"
  | "network"
  /** A re-opened result is no longer kept (retention ended): nothing failed, there is just nothing to show. */
  | "expired";

export type RunError = {
  kind: RunErrorKind;
  message: string;
  /** 1-based position in the submitted SQL (not in the editor: see EditorRunTarget). */
  line?: number;
  column?: number;
  httpStatus?: number;
};

export type RunSnapshot = {
  status: RunStatus;
  request: ExecuteBody;
  runId: string | null;
  verb: string | null;
  statementKind: string | null;
  columns: EngineColumn[] | null;
  /** Shared, append-only; `rowCount` changes when it grows, so it is safe to read while rendering. */
  rows: RowStore;
  rowCount: number;
  truncated: boolean;
  updateCount: number | null;
  /** The server kept the complete result until this time (ISO): downloads and reloads read it instead of running the statement. */
  keptUntil: string | null;
  /** True when this result was re-opened from the kept copy rather than run now. */
  reopened: boolean;
  progress: EngineProgress | null;
  startedAt: number;
  finishedAt: number | null;
  error: RunError | null;
};

export const ACTIVE_STATUSES: readonly RunStatus[] = ["running"];
