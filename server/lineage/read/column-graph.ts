// Column lineage (GET /api/v1/column-lineage), in Marquez's shape: nodes are dataset fields
// (`datasetField:<namespace>:<dataset>:<field>`), an edge goes from an input field to the output
// field computed from it. From a field, or from every field of a dataset, the walk goes upstream
// (what each field was computed from) and, with `withDownstream`, downstream too, each for
// `depth` directed hops, in one recursive SQL over lineage_column_edges.
//
// Column edges carry no end of validity: `asOf` keeps those first seen by then whose job still
// wrote the output dataset at that time (its job↔dataset edge valid then), and "now" those whose
// job writes it now. Dependencies of a whole output dataset (output_field '') are not fields and
// are left out, as Marquez does.
import { Prisma } from "../../db/generated/client";
import type { Db } from "../../db/client";
import type { HandlerArgs } from "../../handler";
import { DomainError } from "../../errors";
import { fieldNodeId } from "./node-id";
import { resolveNode } from "./resolve-node";
import { edgeValidAt } from "./edge-validity";
import { NODE_LIMIT, WALK_LIMIT, truncation, type Truncation } from "./graph-limits";
import type { GraphEdge, GraphNode } from "./marquez-types";
import type { ColumnLineageInput } from "./schemas";

export type Transformation = { type: string; subtype: string | null; description: string | null; masking: boolean };
export type InputField = {
  namespace: string;
  dataset: string;
  datasetVersion: string | null;
  field: string;
  transformationDescription: string | null;
  transformationType: string | null;
  transformations: Transformation[];
};
export type FieldData = {
  namespace: string;
  dataset: string;
  datasetVersion: string | null;
  field: string;
  fieldType: string | null;
  transformationDescription: string | null;
  transformationType: string | null;
  inputFields: InputField[];
};
export type ColumnLineageGraph = { graph: GraphNode<"DATASET_FIELD", FieldData>[]; truncated?: Truncation };

function columnEdgeValid(asOf: Date | undefined): Prisma.Sql {
  const seen = asOf ? Prisma.sql`c.first_seen_at <= ${asOf.toISOString()}::timestamptz AND ` : Prisma.empty;
  return Prisma.sql`${seen}(c.job_id IS NULL OR EXISTS (SELECT 1 FROM lineage_edges e WHERE e.job_id = c.job_id AND e.dataset_id = c.output_dataset_id AND e.direction = 'output' AND ${edgeValidAt(asOf)}))`;
}

type FieldKey = { ds: bigint; field: string };

export async function columnLineage({ ctx, input }: HandlerArgs<ColumnLineageInput>): Promise<ColumnLineageGraph> {
  const start = await resolveNode(ctx.db, input.nodeId);
  if (start.kind === "job") throw new DomainError("BAD_REQUEST", "nodeId: column lineage starts at a dataset or a datasetField, not a job.");
  const valid = columnEdgeValid(input.asOf);
  const starts: FieldKey[] =
    start.kind === "datasetField"
      ? [{ ds: start.id, field: start.field! }]
      : (
          await ctx.db.$queryRaw<{ field: string }[]>`
            SELECT c.output_field AS field FROM lineage_column_edges c WHERE c.output_dataset_id = ${start.id} AND c.output_field <> '' AND ${valid}
            UNION
            SELECT c.input_field FROM lineage_column_edges c WHERE ${input.withDownstream} AND c.input_dataset_id = ${start.id} AND c.output_field <> '' AND ${valid}`
        ).map((r) => ({ ds: start.id, field: r.field }));

  const reached = starts.length ? await walkColumns(ctx.db, starts, input.depth, input.withDownstream, valid) : [];
  const truncated = reached.length > NODE_LIMIT || (reached[0]?.walked ?? 0) >= WALK_LIMIT;
  const kept = reached.slice(0, NODE_LIMIT);
  if (kept.length === 0) return { graph: [] };

  const keepDs = kept.map((k) => k.ds);
  const keepField = kept.map((k) => k.field);
  const [edges, datasets] = await Promise.all([
    ctx.db.$queryRaw<{ out_ds: bigint; out_field: string; in_ds: bigint; in_field: string; type: string; subtype: string; description: string | null; masking: boolean }[]>`
      WITH kept AS (SELECT * FROM unnest(${keepDs}::bigint[], ${keepField}::text[]) AS k(ds, field))
      SELECT c.output_dataset_id AS out_ds, c.output_field AS out_field, c.input_dataset_id AS in_ds, c.input_field AS in_field,
             c.transformation_type AS type, c.transformation_subtype AS subtype, c.description, c.masking
        FROM lineage_column_edges c
        JOIN kept o ON o.ds = c.output_dataset_id AND o.field = c.output_field
        JOIN kept i ON i.ds = c.input_dataset_id AND i.field = c.input_field
       WHERE ${valid}
       ORDER BY c.output_dataset_id, c.output_field, c.input_dataset_id, c.input_field, c.transformation_type, c.transformation_subtype`,
    ctx.db.$queryRaw<{ id: bigint; namespace: string; name: string; fields: unknown }[]>`
      SELECT d.id, n.name AS namespace, d.name, d.fields FROM lineage_datasets d JOIN lineage_namespaces n ON n.id = d.namespace_id
       WHERE d.id = ANY(${[...new Set(keepDs)]}::bigint[])`,
  ]);
  const dsOf = new Map(datasets.map((d) => [BigInt(d.id), { namespace: d.namespace, name: d.name, types: typesOf(d.fields) }]));
  const key = (ds: bigint, field: string) => `${ds}\u0000${field}`;
  const idOf = (ds: bigint, field: string) => {
    const d = dsOf.get(BigInt(ds))!;
    return fieldNodeId(d.namespace, d.name, field);
  };

  const inputs = new Map<string, Map<string, InputField>>();
  const inEdges = new Map<string, GraphEdge[]>();
  const outEdges = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    const outKey = key(e.out_ds, e.out_field);
    const inKey = key(e.in_ds, e.in_field);
    const byInput = inputs.get(outKey) ?? new Map<string, InputField>();
    inputs.set(outKey, byInput);
    let input = byInput.get(inKey);
    if (!input) {
      const d = dsOf.get(BigInt(e.in_ds))!;
      const edge = { origin: idOf(e.in_ds, e.in_field), destination: idOf(e.out_ds, e.out_field) };
      (outEdges.get(inKey) ?? outEdges.set(inKey, []).get(inKey)!).push(edge);
      (inEdges.get(outKey) ?? inEdges.set(outKey, []).get(outKey)!).push(edge);
      input = { namespace: d.namespace, dataset: d.name, datasetVersion: null, field: e.in_field, transformationDescription: null, transformationType: null, transformations: [] };
      byInput.set(inKey, input);
    }
    input.transformations.push({ type: e.type || "DIRECT", subtype: e.subtype || null, description: e.description, masking: e.masking });
    // The single-valued legacy fields: the direct transformation when there is one.
    if (!input.transformationType || (e.type === "DIRECT" && input.transformationType !== "DIRECT")) {
      input.transformationType = e.type || null;
      input.transformationDescription = e.description;
    }
  }

  const graph = kept.map((k) => {
    const d = dsOf.get(k.ds)!;
    const nodeKey = key(k.ds, k.field);
    return {
      id: fieldNodeId(d.namespace, d.name, k.field),
      type: "DATASET_FIELD" as const,
      data: {
        namespace: d.namespace,
        dataset: d.name,
        datasetVersion: null,
        field: k.field,
        fieldType: d.types.get(k.field) ?? null,
        transformationDescription: null,
        transformationType: null,
        inputFields: [...(inputs.get(nodeKey)?.values() ?? [])],
      },
      inEdges: inEdges.get(nodeKey) ?? [],
      outEdges: outEdges.get(nodeKey) ?? [],
    };
  });
  return truncated ? { graph, truncated: truncation("fields") } : { graph };
}

async function walkColumns(db: Db, starts: FieldKey[], depth: number, withDownstream: boolean, valid: Prisma.Sql) {
  const rows = await db.$queryRaw<{ ds: bigint; field: string; walked: number }[]>`
    WITH RECURSIVE walk(dir, ds, field, depth) AS (
      SELECT v.dir, s.ds, s.field, 0
        FROM unnest(${starts.map((s) => s.ds)}::bigint[], ${starts.map((s) => s.field)}::text[]) AS s(ds, field)
        CROSS JOIN (VALUES ('up'), ('down')) AS v(dir)
       WHERE v.dir = 'up' OR ${withDownstream}
      UNION
      SELECT w.dir, n.ds, n.field, w.depth + 1
        FROM walk w
        CROSS JOIN LATERAL (
          SELECT c.input_dataset_id AS ds, c.input_field AS field FROM lineage_column_edges c
           WHERE w.dir = 'up' AND c.output_dataset_id = w.ds AND c.output_field = w.field AND ${valid}
          UNION ALL
          SELECT c.output_dataset_id, c.output_field FROM lineage_column_edges c
           WHERE w.dir = 'down' AND c.input_dataset_id = w.ds AND c.input_field = w.field AND c.output_field <> '' AND ${valid}
        ) n
       WHERE w.depth < ${depth}
    ),
    walked AS MATERIALIZED (SELECT ds, field, depth FROM walk LIMIT ${WALK_LIMIT})
    SELECT ds, field, (SELECT count(*)::int FROM walked) AS walked
      FROM walked GROUP BY ds, field ORDER BY min(depth), ds, field LIMIT ${NODE_LIMIT + 1}`;
  return rows.map((r) => ({ ds: BigInt(r.ds), field: r.field, walked: r.walked }));
}

function typesOf(fields: unknown): Map<string, string> {
  const types = new Map<string, string>();
  if (Array.isArray(fields)) for (const f of fields) if (f && typeof f.name === "string" && typeof f.type === "string") types.set(f.name, f.type);
  return types;
}
