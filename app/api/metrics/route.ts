// GET /api/metrics: Prometheus text format. Meant for a scraper on the internal network; with
// PORTAL_METRICS_TOKEN set, only for one that sends "Authorization: Bearer <token>".
import { getConfig } from "@/server/config/env";
import { metrics } from "@/server/metrics/registry";
import { metricsAccessRefusal } from "@/server/metrics/metrics-token";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const refusal = metricsAccessRefusal(req.headers.get("authorization"), getConfig().PORTAL_METRICS_TOKEN);
  if (refusal) {
    return Response.json({ error: refusal }, { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" } });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
