// GET /api/v1/search?q=&filter=&sort=&limit= — datasets and jobs by name (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { searchInput } from "@/server/lineage/read/schemas";
import { search } from "@/server/lineage/read/search";

export const dynamic = "force-dynamic";

export const GET = marquezGet("search", searchInput, search);
