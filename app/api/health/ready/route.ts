// GET /api/health/ready: 200 when this replica should get traffic (started, database reachable,
// migrations applied, not shutting down), else 503 with the reason. Public and says nothing secret.
import { checkReadiness } from "@/server/lifecycle/readiness";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  const body = readiness.ready ? { status: "ok", checks: readiness.checks } : { status: "unavailable", reason: readiness.reason, checks: readiness.checks };
  return Response.json(body, { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
