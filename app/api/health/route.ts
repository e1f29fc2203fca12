// GET /api/health: 200 {"status":"ok"} when the portal can serve, 503 when its database is
// unreachable. Public (load balancers call it) and says nothing secret.
import { checkDatabase } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const database = await checkDatabase();
  const ok = database.status === "ok";
  return Response.json({ status: ok ? "ok" : "unavailable", checks: { database } }, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
