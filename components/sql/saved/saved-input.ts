// The input of sql.saved.list for the saved-queries page, shared by the server prefetch and the
// browser so both use the same query key.
export const SAVED_PAGE_SIZE = 25;

export function savedListInput({ search = "", mine = false, page = 1 }: { search?: string; mine?: boolean; page?: number }) {
  return { search: search || undefined, mine, page, pageSize: SAVED_PAGE_SIZE };
}
