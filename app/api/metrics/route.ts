// GET /api/metrics: Prometheus text format. Meant for a scraper on the internal network.
import { metrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
