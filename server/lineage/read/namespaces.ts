// Namespaces in Marquez's shape: GET /namespaces and /namespaces/{namespace}. OpenLineage gives a
// namespace no owner or description: Marquez then says "anonymous" and null, and so do we.
import type { HandlerArgs } from "../../handler";
import { DomainError } from "../../errors";
import { isoOf, type MarquezNamespace } from "./marquez-types";
import type { ListNamespacesInput, NamespaceInput } from "./schemas";

type NamespaceRow = { name: string; created_at: Date; updated_at: Date };

const namespaceOf = (r: NamespaceRow): MarquezNamespace => ({
  name: r.name,
  createdAt: isoOf(r.created_at),
  updatedAt: isoOf(r.updated_at),
  ownerName: "anonymous",
  description: null,
  isHidden: false,
});

export async function listNamespaces({ ctx, input }: HandlerArgs<ListNamespacesInput>): Promise<{ namespaces: MarquezNamespace[] }> {
  const rows = await ctx.db.$queryRaw<NamespaceRow[]>`SELECT name, created_at, updated_at FROM lineage_namespaces ORDER BY name LIMIT ${input.limit} OFFSET ${input.offset}`;
  return { namespaces: rows.map(namespaceOf) };
}

export async function getNamespace({ ctx, input }: HandlerArgs<NamespaceInput>): Promise<MarquezNamespace> {
  const rows = await ctx.db.$queryRaw<NamespaceRow[]>`SELECT name, created_at, updated_at FROM lineage_namespaces WHERE name = ${input.namespace}`;
  if (!rows[0]) throw new DomainError("NOT_FOUND", `Namespace '${input.namespace}' not found.`);
  return namespaceOf(rows[0]);
}
