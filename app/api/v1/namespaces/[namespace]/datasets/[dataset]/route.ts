// GET /api/v1/namespaces/{namespace}/datasets/{dataset} — one dataset (Marquez-compatible; server/lineage/read/README.md).
import { marquezGet } from "@/server/lineage/read/http";
import { datasetInput } from "@/server/lineage/read/schemas";
import { getDataset } from "@/server/lineage/read/datasets";

export const dynamic = "force-dynamic";

export const GET = marquezGet("namespaces/:namespace/datasets/:dataset", datasetInput, getDataset);
