// GET /api/v1/namespaces/{namespace} — one namespace (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { namespaceInput } from "@/server/lineage/read/schemas";
import { getNamespace } from "@/server/lineage/read/namespaces";

export const dynamic = "force-dynamic";

export const GET = marquezGet("namespaces/:namespace", namespaceInput, getNamespace);
