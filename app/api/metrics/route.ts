// GET /api/metrics: Prometheus text format. Meant for a scraper on the internal network; with
// PORTAL_METRICS_TOKEN set, only for one that sends "Authorization: Bearer <token>" with that
// token or with a personal API token that has the metrics:read scope (server/auth/api-tokens.ts).
import { authorizeBearer } from "@/server/auth/api-tokens";
import { bearerOf, prefixOfToken } from "@/server/auth/api-tokens-text";
import { clientAddressOf } from "@/server/auth/client-address";
import { getConfig } from "@/server/config/env";
import { db } from "@/server/db/client";
import { metrics } from "@/server/metrics/registry";
import { metricsAccessRefusal } from "@/server/metrics/metrics-token";

export const dynamic = "force-dynamic";

const REFUSED_HEADERS = { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" };

export async function GET(req: Request): Promise<Response> {
  const config = getConfig();
  const authorization = req.headers.get("authorization");
  const refusal = metricsAccessRefusal(authorization, config.PORTAL_METRICS_TOKEN);
  // Without a metrics token the endpoint is open, and an API token changes nothing.
  if (refusal && prefixOfToken(bearerOf(authorization) ?? "") !== null) {
    const ip = clientAddressOf(req.headers, config.PORTAL_TRUSTED_PROXIES);
    const result = await authorizeBearer(authorization, { scope: "metrics:read", role: "viewer" }, { db: db(), ip, path: new URL(req.url).pathname });
    if (!result.ok) return Response.json({ error: result.message }, { status: result.status, headers: REFUSED_HEADERS });
  } else if (refusal) {
    return Response.json({ error: refusal }, { status: 401, headers: REFUSED_HEADERS });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
