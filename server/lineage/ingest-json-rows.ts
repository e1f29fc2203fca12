// The rows of a set-based lineage write as ONE parameter: a JSON text of arrays, unpacked by
// position in SQL (`FROM ${jsonRows(columns, rows)} AS t`). A statement used to take one array
// parameter per column (`unnest($1::text[], $2::bigint[], …)`); Prisma converts every element of
// every array and the driver escapes each into an array literal that PostgreSQL parses again,
// which cost more than the statement itself for batches of a thousand events
// (server/lineage/README.md, write path). JSON.stringify is native and PostgreSQL parses the
// text once (jsonb: `->>` by position is then cheap).
import { Prisma } from "../db/generated/client";

/** A column: its name in the row set and its SQL type (`jsonb` keeps the JSON value as it is). */
export type RowColumn = readonly [name: string, type: string];

/** The rows as a subquery with the given columns, in order (so `INSERT … SELECT *` keeps working). */
export function jsonRows(columns: readonly RowColumn[], rows: readonly (readonly unknown[])[]): Prisma.Sql {
  return jsonRowsOfText(columns, JSON.stringify(rows));
}

/** As jsonRows, for a caller that built the JSON text itself (the raw events embed their own text). */
export function jsonRowsOfText(columns: readonly RowColumn[], text: string): Prisma.Sql {
  const select = columns.map(([name, type], i) => `${type === "jsonb" ? `r->${i}` : `(r->>${i})::${type}`} AS ${name}`).join(", ");
  return Prisma.sql`(SELECT ${Prisma.raw(select)} FROM jsonb_array_elements(${text}::jsonb) AS r)`;
}
