// GET /api/v1/namespaces — the namespaces, by name (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { listNamespacesInput } from "@/server/lineage/read/schemas";
import { listNamespaces } from "@/server/lineage/read/namespaces";

export const dynamic = "force-dynamic";

export const GET = marquezGet("namespaces", listNamespacesInput, listNamespaces);
