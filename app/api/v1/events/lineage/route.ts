// GET /api/v1/events/lineage?before=&after=&limit=&offset=&sortDirection= — the events as received (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { lineageEventsInput } from "@/server/lineage/read/schemas";
import { listLineageEvents } from "@/server/lineage/read/events";

export const dynamic = "force-dynamic";

export const GET = marquezGet("events/lineage", lineageEventsInput, listLineageEvents);
