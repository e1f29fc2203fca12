// GET /api/v1/namespaces/{namespace}/datasets — the namespace's datasets, with totalCount (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { listDatasetsInput } from "@/server/lineage/read/schemas";
import { listDatasets } from "@/server/lineage/read/datasets";

export const dynamic = "force-dynamic";

export const GET = marquezGet("namespaces/:namespace/datasets", listDatasetsInput, listDatasets);
