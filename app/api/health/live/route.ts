// GET /api/health/live: 200 while the process answers (Kubernetes' liveness probe). It checks
// nothing else on purpose: a database outage must not make the kubelet restart every replica.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
