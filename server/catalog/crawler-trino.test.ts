// The crawler through the Trino adapter, against an HTTP server that speaks Trino's client
// protocol (server/engines/testing/trino-protocol-server.ts): the metadata path production uses
// (SHOW CATALOGS, information_schema, system.metadata.table_comments).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { TrinoProtocolServer } from "../engines/testing/trino-protocol-server";
import { createTrinoEngine } from "../engines/trino/trino-engine";
import type { QueryEngine } from "../engines/query-engine";
import { crawlEngine } from "./crawler";
import { searchDatasets } from "./search";

describe("crawling Trino over its client protocol", () => {
  let database: TestDatabase;
  const reader = { id: "00000000-0000-4000-8000-00000000000b", email: "reader@example.com", name: "Reader", role: "viewer" as const };
  let server: TrinoProtocolServer;
  let engine: QueryEngine;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    server = await TrinoProtocolServer.start({ pageSize: 2 });
    await server.exec(`
      ATTACH ':memory:' AS iceberg;
      CREATE SCHEMA iceberg.sales;
      CREATE TABLE iceberg.sales.orders (order_id BIGINT NOT NULL, customer_email VARCHAR, amount DECIMAL(12, 2), ordered_at TIMESTAMP);
      COMMENT ON TABLE iceberg.sales.orders IS 'One row per web shop order.';
      COMMENT ON COLUMN iceberg.sales.orders.customer_email IS 'E-mail address the customer ordered with.';
      CREATE VIEW iceberg.sales.daily_revenue AS SELECT CAST(ordered_at AS DATE) AS day, sum(amount) AS revenue FROM iceberg.sales.orders GROUP BY 1;
      CREATE SCHEMA iceberg.marketing;
      CREATE TABLE iceberg.marketing.campaigns (campaign_id INTEGER, name VARCHAR);
    `);
    engine = createTrinoEngine({ url: server.url, id: "trino", label: "Trino (test)" });
  });
  afterAll(async () => {
    await engine?.close();
    await server?.close();
    await database?.close();
  });

  it("syncs catalogs, schemas, tables, views and columns with types, comments and nullability", async () => {
    const summary = await crawlEngine({ engineId: "trino", engine, trigger: "schedule" });
    expect(summary).toMatchObject({ status: "succeeded", error: null });

    const datasets = await database.db.catalogDataset.findMany({
      where: { engineId: "trino", catalog: "iceberg" },
      include: { columns: { orderBy: { ordinal: "asc" } } },
      orderBy: { name: "asc" },
    });
    expect(datasets.map((d) => `${d.schema}.${d.name}:${d.kind}`)).toEqual(["marketing.campaigns:TABLE", "sales.daily_revenue:VIEW", "sales.orders:TABLE"]);
    const orders = datasets.find((d) => d.name === "orders")!;
    expect(orders.engineComment).toBe("One row per web shop order.");
    expect(orders.columns.map((c) => [c.name, c.type.toLowerCase(), c.nullable])).toEqual([
      ["order_id", "bigint", false],
      ["customer_email", "varchar", true],
      ["amount", "decimal(12,2)", true],
      ["ordered_at", expect.stringMatching(/^timestamp/), true],
    ]);
    expect(orders.columns[1]!.engineComment).toBe("E-mail address the customer ordered with.");

    const hits = await searchDatasets({ ctx: { user: reader, ip: null, db: database.db }, input: { q: "customer email" } });
    expect(hits.hits[0]).toMatchObject({ engineId: "trino", name: "orders", reasons: expect.arrayContaining(["column"]), matchedColumns: ["customer_email"] });
  });

  it("an incremental crawl sees a table dropped on the server", async () => {
    await server.exec("DROP TABLE iceberg.marketing.campaigns");
    const summary = await crawlEngine({ engineId: "trino", engine, trigger: "schedule" });
    expect(summary).toMatchObject({ status: "succeeded", removed: 1, added: 0 });
  });
});
