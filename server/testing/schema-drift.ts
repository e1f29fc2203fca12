// Compares prisma/schema.prisma (through Prisma's own parser, the DMMF) with what the migrations
// really built in a database, so that a schema change without a migration, or a migration that
// disagrees with the schema, is found by a test and not by a user. Used by
// server/db/schema-drift.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import type pg from "pg";

export type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType?: [string, string[]] | null;
};
export type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
export type DmmfEnum = { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] };
export type DmmfIndex = { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] };
export type Datamodel = { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };

export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema.prisma");

export function loadDatamodel(schemaPath = SCHEMA_PATH): Datamodel {
  const prismaSchema = readFileSync(schemaPath, "utf8");
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema }))) as { datamodel: Datamodel };
  // The DMMF leaves out `Unsupported("...")` fields; their columns exist all the same.
  for (const [modelName, fields] of unsupportedFields(prismaSchema)) {
    dmmf.datamodel.models.find((m) => m.name === modelName)?.fields.push(...fields);
  }
  return dmmf.datamodel;
}

/** Fields typed `Unsupported("tsvector")` and the like, per model, read from the schema text. */
export function unsupportedFields(prismaSchema: string): Map<string, DmmfField[]> {
  const result = new Map<string, DmmfField[]>();
  for (const block of prismaSchema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    for (const line of block[2]!.matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?|\[\])?(.*)$/gm)) {
      const [, name, type, modifier, rest] = line;
      const field: DmmfField = {
        name: name!,
        dbName: /@map\("([^"]+)"\)/.exec(rest ?? "")?.[1] ?? null,
        kind: "unsupported",
        type: type!,
        isRequired: modifier !== "?" && modifier !== "[]",
        isList: modifier === "[]",
      };
      result.set(block[1]!, [...(result.get(block[1]!) ?? []), field]);
    }
  }
  return result;
}

export type DbColumn = { dataType: string; udtName: string; nullable: boolean; datetimePrecision: number | null };
export type DbIndex = { columns: string[]; primary: boolean; unique: boolean };
export type DbSnapshot = {
  tables: Record<string, Record<string, DbColumn>>;
  enums: Record<string, string[]>;
  indexes: Record<string, DbIndex[]>;
};

/** What the `public` schema of a database holds: tables and columns, enums, indexes. */
export async function readDbSnapshot(client: Pick<pg.ClientBase, "query">): Promise<DbSnapshot> {
  const snapshot: DbSnapshot = { tables: {}, enums: {}, indexes: {} };
  const tables = await client.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
  for (const t of tables.rows) snapshot.tables[t.table_name] = {};
  const columns = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: "YES" | "NO";
    datetime_precision: number | null;
  }>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, datetime_precision
       FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  for (const c of columns.rows) {
    const table = snapshot.tables[c.table_name];
    if (!table) continue; // a view's columns
    table[c.column_name] = { dataType: c.data_type, udtName: c.udt_name, nullable: c.is_nullable === "YES", datetimePrecision: c.datetime_precision };
  }
  const enums = await client.query<{ name: string; value: string }>(
    `SELECT t.typname AS name, e.enumlabel AS value
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
  );
  for (const e of enums.rows) (snapshot.enums[e.name] ??= []).push(e.value);
  const indexes = await client.query<{ table_name: string; primary: boolean; unique: boolean; columns: string[] }>(
    `SELECT t.relname AS table_name, i.indisprimary AS primary, i.indisunique AS unique,
            array(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public'`,
  );
  for (const i of indexes.rows) (snapshot.indexes[i.table_name] ??= []).push({ columns: i.columns, primary: i.primary, unique: i.unique });
  return snapshot;
}

type ExpectedType = { dataType: string; udtName: string; datetimePrecision?: number };

/** The PostgreSQL column type Prisma's migrations create for a scalar field; null if unknown here. */
export function expectedColumnType(field: DmmfField, enums: DmmfEnum[]): ExpectedType | null {
  let base: ExpectedType | null;
  if (field.kind === "enum") {
    const e = enums.find((x) => x.name === field.type);
    base = e ? { dataType: "USER-DEFINED", udtName: e.dbName ?? e.name } : null;
  } else {
    base = scalarType(field.type, field.nativeType?.[0] ?? null, field.nativeType?.[1] ?? []);
  }
  if (!base || !field.isList) return base;
  return { dataType: "ARRAY", udtName: `_${base.udtName}` };
}

function scalarType(type: string, native: string | null, args: string[]): ExpectedType | null {
  const precision = (fallback: number) => (args[0] !== undefined ? Number(args[0]) : fallback);
  switch (`${type}:${native ?? ""}`) {
    case "String:":
    case "String:Text":
      return { dataType: "text", udtName: "text" };
    case "String:Uuid":
      return { dataType: "uuid", udtName: "uuid" };
    case "String:VarChar":
      return { dataType: "character varying", udtName: "varchar" };
    case "Int:":
    case "Int:Integer":
      return { dataType: "integer", udtName: "int4" };
    case "Int:SmallInt":
      return { dataType: "smallint", udtName: "int2" };
    case "BigInt:":
    case "BigInt:BigInt":
      return { dataType: "bigint", udtName: "int8" };
    case "Boolean:":
      return { dataType: "boolean", udtName: "bool" };
    case "Float:":
    case "Float:DoublePrecision":
      return { dataType: "double precision", udtName: "float8" };
    case "Decimal:":
      return { dataType: "numeric", udtName: "numeric" };
    case "DateTime:":
      return { dataType: "timestamp without time zone", udtName: "timestamp", datetimePrecision: 3 };
    case "DateTime:Timestamp":
      return { dataType: "timestamp without time zone", udtName: "timestamp", datetimePrecision: precision(6) };
    case "DateTime:Timestamptz":
      return { dataType: "timestamp with time zone", udtName: "timestamptz", datetimePrecision: precision(6) };
    case "DateTime:Date":
      return { dataType: "date", udtName: "date" };
    case "Json:":
    case "Json:JsonB":
      return { dataType: "jsonb", udtName: "jsonb" };
    case "Json:Json":
      return { dataType: "json", udtName: "json" };
    case "Bytes:":
      return { dataType: "bytea", udtName: "bytea" };
    default:
      return null;
  }
}

const show = (columns: string[]) => `(${columns.join(", ")})`;

/**
 * Every difference between the datamodel and the database, one readable line each, naming the
 * model and field of schema.prisma and the table and column of the database. Empty: no drift.
 */
export function findDrift(datamodel: Datamodel, db: DbSnapshot, options: { ignoreTables?: string[] } = {}): string[] {
  const problems: string[] = [];
  const known = new Set(options.ignoreTables ?? ["_prisma_migrations"]);

  for (const model of datamodel.models) {
    const tableName = model.dbName ?? model.name;
    known.add(tableName);
    const table = db.tables[tableName];
    if (!table) {
      problems.push(`${model.name}: table "${tableName}" does not exist in the database`);
      continue;
    }
    const columnsOfModel = new Set<string>();
    for (const field of model.fields) {
      if (field.kind === "object") continue; // relation fields have no column of their own
      const columnName = field.dbName ?? field.name;
      columnsOfModel.add(columnName);
      const where = `${model.name}.${field.name} (column ${tableName}.${columnName})`;
      const column = table[columnName];
      if (!column) {
        problems.push(`${where}: column does not exist in the database`);
        continue;
      }
      const expected = field.kind === "unsupported" ? null : expectedColumnType(field, datamodel.enums);
      if (field.kind === "unsupported") {
        // Unsupported("tsvector"): the database type's name is all there is to compare.
        const udt = field.type.split("(")[0]!.trim().toLowerCase();
        if (column.udtName !== udt) {
          problems.push(`${where}: type is ${column.dataType} (${column.udtName}) in the database, schema.prisma says Unsupported("${field.type}")`);
        }
      } else if (!expected) {
        const native = field.nativeType ? ` @db.${field.nativeType[0]}` : "";
        problems.push(`${where}: type ${field.type}${native} is not known to the drift test; add it to server/testing/schema-drift.ts`);
      } else {
        if (column.dataType !== expected.dataType || column.udtName !== expected.udtName) {
          problems.push(`${where}: type is ${column.dataType} (${column.udtName}) in the database, schema.prisma expects ${expected.dataType} (${expected.udtName})`);
        } else if (expected.datetimePrecision !== undefined && column.datetimePrecision !== expected.datetimePrecision) {
          problems.push(`${where}: precision is ${column.datetimePrecision} in the database, schema.prisma expects ${expected.datetimePrecision}`);
        }
      }
      if (field.isRequired === column.nullable) {
        problems.push(field.isRequired ? `${where}: nullable in the database, but required in schema.prisma` : `${where}: NOT NULL in the database, but optional in schema.prisma`);
      }
    }
    for (const columnName of Object.keys(table)) {
      if (!columnsOfModel.has(columnName)) problems.push(`${model.name} (table ${tableName}): column "${columnName}" is not in schema.prisma`);
    }

    const dbIndexes = db.indexes[tableName] ?? [];
    for (const index of datamodel.indexes.filter((i) => i.model === model.name)) {
      const columns = index.fields.map((f) => {
        const field = model.fields.find((x) => x.name === f.name);
        return field?.dbName ?? f.name;
      });
      const same = (i: DbIndex) => i.columns.length === columns.length && i.columns.every((c, n) => c === columns[n]);
      const found =
        index.type === "id" ? dbIndexes.some((i) => i.primary && same(i)) : index.type === "unique" ? dbIndexes.some((i) => i.unique && same(i)) : dbIndexes.some((i) => same(i));
      const kind = index.type === "id" ? "primary key" : index.type === "unique" ? "unique index" : "index";
      if (!found) problems.push(`${model.name} (table ${tableName}): ${kind} on ${show(columns)} does not exist in the database`);
    }
  }

  for (const tableName of Object.keys(db.tables)) {
    if (!known.has(tableName)) problems.push(`table "${tableName}" exists in the database but no model of schema.prisma maps to it`);
  }

  const knownEnums = new Set<string>();
  for (const e of datamodel.enums) {
    const typeName = e.dbName ?? e.name;
    knownEnums.add(typeName);
    const expected = e.values.map((v) => v.dbName ?? v.name);
    const actual = db.enums[typeName];
    if (!actual) problems.push(`enum ${e.name}: type "${typeName}" does not exist in the database`);
    // Compared as sets: `ALTER TYPE ... ADD VALUE` appends, whatever the order in schema.prisma.
    else if ([...actual].sort().join(",") !== [...expected].sort().join(",")) {
      problems.push(`enum ${e.name} (type ${typeName}): values are [${actual.join(", ")}] in the database, schema.prisma has [${expected.join(", ")}]`);
    }
  }
  for (const typeName of Object.keys(db.enums)) {
    if (!knownEnums.has(typeName)) problems.push(`enum type "${typeName}" exists in the database but not in schema.prisma`);
  }
  return problems;
}
