// The signed-in admin's workbench tabs follow them into every new browser context (server/sql/
// tabs): a spec that counts tabs starts from none on the server with this.
import { randomUUID } from "node:crypto";
import { adminApi, callTrpc } from "./helpers";

/** Closes every workbench tab the admin has on the server (test set-up, not under test). */
export async function clearAdminServerTabs(): Promise<void> {
  const api = await adminApi();
  try {
    const { tabs } = await callTrpc<{ tabs: { id: string; revision: number }[] }>(api, "sql.tabs.list", undefined, "query");
    if (tabs.length > 0) await callTrpc(api, "sql.tabs.sync", { writer: randomUUID(), closes: tabs.map((t) => ({ id: t.id, baseRevision: t.revision })) });
  } finally {
    await api.dispose();
  }
}
