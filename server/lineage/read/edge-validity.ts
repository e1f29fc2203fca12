// Which job↔dataset edges a query sees: the open ones (valid now), or those valid at `asOf`
// (from the first event that showed them until a later job version no longer had them). Two
// separate SQL texts rather than one with `$asOf IS NULL OR …`, so "now" queries match the partial
// indexes on open edges (WHERE valid_to IS NULL) and time-travel ones the (…, valid_from) indexes.
import { Prisma } from "../../db/generated/client";

export function edgeValidAt(asOf: Date | undefined, alias = "e"): Prisma.Sql {
  const a = Prisma.raw(alias);
  if (!asOf) return Prisma.sql`${a}.valid_to IS NULL`;
  const at = asOf.toISOString();
  return Prisma.sql`${a}.valid_from <= ${at}::timestamptz AND (${a}.valid_to IS NULL OR ${a}.valid_to > ${at}::timestamptz)`;
}
