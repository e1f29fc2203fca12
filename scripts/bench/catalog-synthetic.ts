// The benchmark's synthetic catalog, defined once and produced two ways that give the same
// datasets: a QueryEngine the crawler reads (the portal's own write path, for crawl timings),
// and bulk SQL (generate_series, one statement per slice) for catalogs too big to crawl in a
// benchmark run (1,000,000 datasets). Every choice is a hash of the dataset's number that both
// JavaScript (BigInt) and SQL (bigint) compute exactly, so the
// query mix can name real datasets whichever way the catalog was made.
import { Prisma } from "../../server/db/generated/client";
import type { Db } from "../../server/db/client";
import type { ColumnInfo, QueryEngine, QueryEvent, TableInfo } from "../../server/engines/query-engine";
import { addToVocabulary, searchDocumentSql } from "../../server/catalog/search-document";

export const TABLES_PER_SCHEMA = 1_000;
export const DOMAINS = ["sales", "finance", "marketing", "logistics", "hr", "product", "support", "risk", "web", "billing", "inventory", "partner"];
export const ENTITIES = ["orders", "customers", "invoices", "shipments", "payments", "refunds", "sessions", "events", "accounts", "contracts", "tickets", "campaigns"].concat([
  "products",
  "suppliers",
  "employees",
  "transactions",
  "subscriptions",
  "leads",
  "claims",
  "flights",
  "airports",
  "stores",
  "devices",
  "reviews",
]);
export const QUALIFIERS = ["daily", "monthly", "raw", "clean", "agg", "snapshot", "history", "current", "by_region", "by_channel", "enriched", "dedup"];
// Column 0 is "id"; column j ≥ 1 is word 1 + (start + j × step) mod 49 with step coprime to 49,
// so a dataset's columns never repeat a word.
export const COLUMN_WORDS = (
  "id customer_id order_id created_at updated_at amount currency status country region channel email phone first_name last_name quantity price " +
  "discount tax total store_id product_id category sku latitude longitude device_type session_id event_name event_time revenue cost margin is_active " +
  "score priority assigned_to closed_at opened_at source medium campaign_id invoice_number due_date paid_at carrier tracking_number weight_kg delay_minutes distance_miles"
).split(" ");
const STEPS = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11];
export const TYPES = ["BIGINT", "VARCHAR", "DOUBLE", "TIMESTAMP", "DATE", "BOOLEAN", "DECIMAL(18,2)", "INTEGER"];
export const COMMENT_WORDS = (
  "daily extract from the operational system cleaned deduplicated aggregated per region customer revenue recognised after returns used by finance " +
  "dashboards marketing attribution model"
).split(" ");

// Odd multipliers below 2^32, one per independent choice.
const M = [2654435761, 2246822519, 3266489917, 668265263, 374761393, 3323236357, 2870177451, 1181783497, 4036421957, 2017297091];

/** A pseudo-random number in [0, 65536) for dataset (or sub-item) `i` and choice `salt`: the same in SQL (mixSql). */
export function mix(i: number, salt: number): number {
  // BigInt: sub-items (i × 64 + j) times a multiplier exceed 2^53; SQL's bigint holds them.
  return Number(((BigInt(i) * BigInt(M[salt]!) + 12345n) % 4294967296n) / 65536n);
}
function mixSql(i: Prisma.Sql, salt: number): Prisma.Sql {
  return Prisma.raw(`(((${sqlText(i)})::bigint * ${M[salt]} + 12345) % 4294967296 / 65536)`);
}
const sqlText = (s: Prisma.Sql) => s.sql;

export function tableName(i: number): string {
  return `${DOMAINS[mix(i, 0) % DOMAINS.length]}_${ENTITIES[mix(i, 1) % ENTITIES.length]}_${QUALIFIERS[mix(i, 2) % QUALIFIERS.length]}_${i}`;
}
const tableKind = (i: number) => (mix(i, 3) % 10 === 0 ? "VIEW" : "TABLE");
function tableComment(i: number): string | null {
  if (mix(i, 4) % 10 >= 4) return null;
  return Array.from({ length: 6 + (mix(i, 5) % 8) }, (_, k) => COMMENT_WORDS[mix(i * 16 + k, 6) % COMMENT_WORDS.length]).join(" ");
}
function tableColumns(i: number, count: number): ColumnInfo[] {
  const start = mix(i, 7) % 49;
  const step = STEPS[mix(i, 8) % STEPS.length]!;
  return Array.from({ length: count }, (_, j) => {
    const c = i * 64 + j;
    return {
      name: j === 0 ? "id" : COLUMN_WORDS[1 + ((start + j * step) % 49)] + (j > 12 ? `_${j}` : ""),
      type: TYPES[mix(c, 9) % TYPES.length]!,
      nullable: j > 0,
      comment: mix(c, 4) % 5 === 0 ? `${COMMENT_WORDS[mix(c, 5) % COMMENT_WORDS.length]} ${COMMENT_WORDS[mix(c, 6) % COMMENT_WORDS.length]}` : null,
      ordinal: j + 1,
    };
  });
}
/** Workbench usage for the ranking's tie-breaker: 30 % of datasets were queried 0–49 times. */
export function usageCountSql(i: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${mixSql(i, 9)} % 10 < 3 THEN ${mixSql(i, 9)} % 50 ELSE 0 END`;
}

export function schemaOf(i: number): { catalog: string; schema: string } {
  return { catalog: i % 2 === 0 ? "warehouse" : "lake", schema: `s${String(Math.floor(i / TABLES_PER_SCHEMA)).padStart(3, "0")}` };
}

/**
 * The catalog as an engine: catalogs lake and warehouse, each with every schema sNNN, half the
 * tables of a schema in each (even numbers in warehouse).
 */
export class SyntheticEngine implements QueryEngine {
  readonly id = "bench";
  readonly kind = "trino" as const;
  readonly label = "Synthetic engine";
  constructor(
    private readonly tables: number,
    private readonly columns: number,
  ) {}
  async listCatalogs() {
    return ["lake", "warehouse"];
  }
  async listSchemas() {
    return Array.from({ length: Math.ceil(this.tables / TABLES_PER_SCHEMA) }, (_, s) => `s${String(s).padStart(3, "0")}`);
  }
  async listTables(_u: string, catalog: string, schema: string): Promise<TableInfo[]> {
    const start = Number(schema.slice(1)) * TABLES_PER_SCHEMA;
    const end = Math.min(start + TABLES_PER_SCHEMA, this.tables);
    const tables: TableInfo[] = [];
    for (let i = start; i < end; i++) if (schemaOf(i).catalog === catalog) tables.push({ name: tableName(i), type: tableKind(i), comment: tableComment(i) });
    return tables;
  }
  async listColumns(_u: string, _c: string, _s: string, table: string): Promise<ColumnInfo[]> {
    return tableColumns(Number(table.split("_").at(-1)), this.columns);
  }
  // eslint-disable-next-line require-yield -- the synthetic engine has no rows: execute only refuses
  async *execute(): AsyncGenerator<QueryEvent> {
    throw new Error("The synthetic engine only has metadata.");
  }
  async cancel() {}
  async close() {}
}

const textArray = (words: string[]) => Prisma.raw(`ARRAY[${words.map((w) => `'${w}'`).join(",")}]`);

/**
 * Writes datasets [from, to) with their columns and search documents straight into the tables,
 * as the crawler would have left them (same names, kinds, comments, columns, documents), plus
 * the usage counts the crawl benchmark sets afterwards.
 */
export async function bulkInsert(db: Db, from: number, to: number, columns: number): Promise<void> {
  const i = Prisma.raw("i");
  const columnName = (j: Prisma.Sql) =>
    Prisma.sql`CASE WHEN ${j} = 0 THEN 'id' ELSE (${textArray(COLUMN_WORDS)})[2 + (${mixSql(i, 7)} % 49 + ${j} * (ARRAY[${Prisma.raw(STEPS.join(","))}])[1 + ${mixSql(i, 8)} % ${STEPS.length}]) % 49]
                     || CASE WHEN ${j} > 12 THEN '_' || ${j} ELSE '' END END`;
  const c = Prisma.raw("(i * 64 + j)");
  const columnComment = Prisma.sql`CASE WHEN ${mixSql(c, 4)} % 5 = 0 THEN (${textArray(COMMENT_WORDS)})[1 + ${mixSql(c, 5)} % ${COMMENT_WORDS.length}] || ' ' || (${textArray(COMMENT_WORDS)})[1 + ${mixSql(c, 6)} % ${COMMENT_WORDS.length}] END`;
  const comment = Prisma.sql`CASE WHEN ${mixSql(i, 4)} % 10 < 4 THEN (SELECT string_agg((${textArray(COMMENT_WORDS)})[1 + ${mixSql(Prisma.raw("(i * 16 + k)"), 6)} % ${COMMENT_WORDS.length}], ' ' ORDER BY k)
                  FROM generate_series(0, 5 + ${mixSql(i, 5)} % 8) k) END`;
  const schema = Prisma.sql`'s' || lpad((i / ${TABLES_PER_SCHEMA})::text, 3, '0')`;
  const catalog = Prisma.sql`CASE WHEN i % 2 = 0 THEN 'warehouse' ELSE 'lake' END`;
  const document = searchDocumentSql({
    name: Prisma.sql`g.name`,
    columnNames: Prisma.sql`g.column_names`,
    labels: Prisma.sql`''`,
    text: Prisma.sql`concat_ws(' ', catalog_words(g.schema || ' ' || g.catalog), g.comment, g.column_notes)`,
  });
  await db.$executeRaw`
    INSERT INTO catalog_datasets (id, engine_id, catalog, schema, name, kind, engine_comment, columns_hash, column_count, usage_count, search_document)
    SELECT g.id, 'bench', g.catalog, g.schema, g.name, g.kind, g.comment, md5(g.name), ${columns}, g.usage_count, ${document}
    FROM (
      SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid AS id, ${catalog} AS catalog, ${schema} AS schema,
             (${textArray(DOMAINS)})[1 + ${mixSql(i, 0)} % ${DOMAINS.length}] || '_' || (${textArray(ENTITIES)})[1 + ${mixSql(i, 1)} % ${ENTITIES.length}] || '_'
               || (${textArray(QUALIFIERS)})[1 + ${mixSql(i, 2)} % ${QUALIFIERS.length}] || '_' || i AS name,
             CASE WHEN ${mixSql(i, 3)} % 10 = 0 THEN 'VIEW' ELSE 'TABLE' END AS kind,
             ${comment} AS comment,
             ${usageCountSql(i)} AS usage_count,
             (SELECT string_agg(${columnName(Prisma.raw("j"))}, ' ' ORDER BY j) FROM generate_series(0, ${columns - 1}) j) AS column_names,
             (SELECT string_agg(${columnComment}, ' ' ORDER BY j) FROM generate_series(0, ${columns - 1}) j) AS column_notes
      FROM generate_series(${from}::bigint, ${to - 1}::bigint) i
    ) g`;
  await db.$executeRaw`
    INSERT INTO catalog_columns (dataset_id, name, type, nullable, ordinal, engine_comment)
    SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, ${columnName(Prisma.raw("j"))},
           (${textArray(TYPES)})[1 + ${mixSql(c, 9)} % ${TYPES.length}], j > 0, j + 1, ${columnComment}
    FROM generate_series(${from}::bigint, ${to - 1}::bigint) i, generate_series(0, ${columns - 1}) j`;
}

/** The vocabulary the crawler would have collected (words of names, schemas, columns, comments). */
export async function bulkVocabulary(db: Db, datasets: number): Promise<void> {
  const schemas = Array.from({ length: Math.ceil(datasets / TABLES_PER_SCHEMA) }, (_, s) => `s${String(s).padStart(3, "0")}`);
  await addToVocabulary(db, [...DOMAINS, ...ENTITIES, ...QUALIFIERS, ...COLUMN_WORDS, ...COMMENT_WORDS, ...schemas, "lake", "warehouse"]);
}
