// The connection ingestion writes through: a plain pg client from the Prisma client's own pool
// (server/db/client.ts, sqlPoolOf) when there is one, else a Prisma interactive transaction.
// Both take Prisma's tagged raw queries, so write-batch.ts has one code path. The pg client is
// the fast one: a statement through Prisma's raw-query path and its driver adapter cost about
// twice what the same statement costs on the client itself (server/lineage/README.md, write path).
// The client comes from the same pool, so the pool's size still bounds the connections (one for
// the embedded PGlite: ingestion waits its turn like any request). While it holds the client,
// the work must not query through the Prisma client: on a one-connection pool that query would
// wait for the connection the work holds, for ever.
import type pg from "pg";
import { sqlPoolOf, type Db } from "../db/client";
import { Prisma } from "../db/generated/client";

/** What the write path needs of a connection: Prisma's tagged raw queries (a Prisma transaction client has them as they are). */
export type SqlClient = {
  $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
};

/** Prisma's bounds on its transactions, as before the pg path (the pg path has its pool's connection wait and query timeout). */
const PRISMA_TRANSACTION = { timeout: 300_000, maxWait: 120_000 };

/** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
export async function inIngestTransaction<T>(db: Db, work: (sql: SqlClient) => Promise<T>): Promise<T> {
  const pool = sqlPoolOf(db);
  if (!pool) return db.$transaction((tx) => work(tx), PRISMA_TRANSACTION);
  const client = await pool.connect();
  // A connection whose ROLLBACK failed is in an unknown state: the pool drops it instead of reusing it.
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(pgSqlClient(client));
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

/** Prisma's tagged raw queries on a pg client: Prisma.Sql renders the $n text and its values; pg sends them. */
function pgSqlClient(client: pg.PoolClient): SqlClient {
  const statement = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => (query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values));
  return {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T> {
      const sql = statement(query, values);
      // Unchecked, as Prisma's $queryRaw<T> is: every statement of the write path casts what it returns to text.
      return (await client.query(sql.text, sql.values)).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> {
      const sql = statement(query, values);
      return (await client.query(sql.text, sql.values)).rowCount ?? 0;
    },
  };
}
