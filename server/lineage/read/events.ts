// GET /api/v1/events/lineage in Marquez's shape: the OpenLineage events as they were received
// (kept once each), with event times between `after` and `before`, newest first by default.
import { Prisma } from "../../db/generated/client";
import type { HandlerArgs } from "../../handler";
import type { LineageEventsInput } from "./schemas";

export async function listLineageEvents({ ctx, input }: HandlerArgs<LineageEventsInput>): Promise<{ events: unknown[]; totalCount: number }> {
  const before = input.before.toISOString();
  const after = input.after.toISOString();
  const direction = input.sortDirection === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const [rows, count] = await Promise.all([
    ctx.db.$queryRaw<{ payload: unknown }[]>`
      SELECT payload FROM lineage_raw_events WHERE event_time < ${before}::timestamptz AND event_time > ${after}::timestamptz
       ORDER BY event_time ${direction}, id ${direction} LIMIT ${input.limit} OFFSET ${input.offset}`,
    ctx.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM lineage_raw_events WHERE event_time < ${before}::timestamptz AND event_time > ${after}::timestamptz`,
  ]);
  return { events: rows.map((r) => r.payload), totalCount: count[0]?.n ?? 0 };
}
