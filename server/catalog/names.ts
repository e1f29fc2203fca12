// Names of datasets: the qualified name people read and type, and SQL that reads a dataset
// through an engine (quoted by lib/sql/identifiers.ts, the one place that quotes names).
import { qualifiedIdentifier } from "../../lib/sql/identifiers";

export type DatasetRef = { engineId: string; catalog: string; schema: string; name: string };

export function qualifiedName(ref: Pick<DatasetRef, "catalog" | "schema" | "name">): string {
  return `${ref.catalog}.${ref.schema}.${ref.name}`;
}

export function sqlQualifiedName(ref: Pick<DatasetRef, "catalog" | "schema" | "name">): string {
  return qualifiedIdentifier([ref.catalog, ref.schema, ref.name]);
}

/** The statement behind "Open in SQL workbench". */
export function workbenchQuery(ref: Pick<DatasetRef, "catalog" | "schema" | "name">): string {
  return `SELECT * FROM ${sqlQualifiedName(ref)} LIMIT 100`;
}
