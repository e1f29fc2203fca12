// The input of sql.history for the history page, shared by the server prefetch and the browser
// (so both ask for the same query key and the first page arrives with the HTML).
export const HISTORY_PAGE_SIZE = 25;
export const STATUSES = ["succeeded", "failed", "cancelled", "running"] as const;
export type Status = (typeof STATUSES)[number];

export function historyInput({
  search = "",
  status = "",
  engineId = "",
  everyone = false,
  page = 1,
}: {
  search?: string;
  status?: Status | "";
  engineId?: string;
  everyone?: boolean;
  page?: number;
}) {
  return {
    search: search || undefined,
    status: status || undefined,
    engineId: engineId || undefined,
    everyone,
    page,
    pageSize: HISTORY_PAGE_SIZE,
  };
}
