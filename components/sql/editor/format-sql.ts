// Formatting for the workbench's Format action. sql-formatter is not part of the workbench's
// first load: its chunk is fetched once the browser is idle after the page has loaded, long
// before anyone can press Format. Should someone be faster, they are told to try again.
type Formatter = typeof import("./sql-formatter-dialects").formatInDialect;

let formatter: Formatter | undefined;
let loading: Promise<void> | undefined;

export function loadSqlFormatter(): Promise<void> {
  loading ??= import("./sql-formatter-dialects").then(
    (m) => {
      formatter = m.formatInDialect;
    },
    (err: unknown) => {
      loading = undefined; // a failed download is tried again on the next call
      throw err;
    },
  );
  return loading;
}

if (typeof window !== "undefined") {
  const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 200));
  idle(() => void loadSqlFormatter().catch(() => {}));
}

export function formatSql(sql: string, engineKind: string | null | undefined): string {
  if (!formatter) {
    void loadSqlFormatter().catch(() => {});
    throw new Error("The formatter is still loading. Try again in a moment.");
  }
  return formatter(sql, engineKind);
}
