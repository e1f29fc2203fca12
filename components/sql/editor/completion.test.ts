import { describe, expect, it } from "vitest";
import { qualifiedSuggestions, suggestionsAt, type CompletionSource, type CompletionTable, type Suggestion } from "./completion";

const table = (name: string, ...columns: string[]): CompletionTable => ({ name, type: "TABLE", columns: columns.map((c) => ({ name: c, type: "VARCHAR" })) });
const orders = table("orders", "id", "customer_id", "total");
const customers = table("customers", "id", "name", "country");
const flights = table("flights", "origin", "destination", "delay");

function sourceWith(loaded: string[] = []): CompletionSource {
  return {
    catalog: "lakehouse",
    schema: "curated",
    catalogs: ["lakehouse", "system"],
    schemas: ["curated", "staging"],
    tables: [orders, customers],
    loadTables: async (c, s) => {
      loaded.push(`${c}.${s}`);
      return s === "staging" ? [flights] : [];
    },
    loadSchemas: async (c) => (c === "system" ? ["runtime"] : ["curated", "staging"]),
  };
}

/** The suggestions where `|` stands in the text. */
async function at(textWithCursor: string, source = sourceWith()): Promise<Suggestion[]> {
  const offset = textWithCursor.indexOf("|");
  return suggestionsAt(source, textWithCursor.replace("|", ""), offset);
}
const labels = (suggestions: Suggestion[], kind?: Suggestion["kind"]) => suggestions.filter((s) => !kind || s.kind === kind).map((s) => s.label);
const kinds = (suggestions: Suggestion[]) => new Set(suggestions.map((s) => s.kind));

describe("clause-aware completion", () => {
  it("offers tables, schemas and catalogs after FROM and JOIN, never columns", async () => {
    for (const sql of ["select * from |", "select * from o|", "select * from orders o join |", "select * from orders o left outer join c|", "select * from orders, |"]) {
      const s = await at(sql);
      expect(labels(s, "table"), sql).toEqual(["orders", "customers"]);
      expect(labels(s, "schema"), sql).toEqual(["curated", "staging"]);
      expect(labels(s, "catalog"), sql).toEqual(["lakehouse", "system"]);
      expect(kinds(s).has("column"), sql).toBe(false);
    }
  });

  it("lists a schema's tables after `schema.` and a catalog's schemas after `catalog.` in FROM", async () => {
    const loaded: string[] = [];
    expect(labels(await at("select * from staging.|", sourceWith(loaded)))).toEqual(["flights"]);
    expect(loaded).toEqual(["lakehouse.staging"]);
    expect(labels(await at("select * from system.|"))).toEqual(["runtime"]);
    expect(labels(await at("select * from lakehouse.staging.fl|"))).toEqual(["flights"]);
  });

  it("offers the columns of the tables in scope after SELECT, WHERE, ON, GROUP BY, ORDER BY and HAVING", async () => {
    const cases = [
      "select | from orders",
      "select id, | from orders",
      "select count(|) from orders",
      "select * from orders where |",
      "select * from orders where total > 3 and |",
      "select * from orders where id in (|)",
      "select customer_id, sum(total) from orders group by |",
      "select * from orders order by total desc, |",
      "select customer_id from orders group by 1 having sum(|",
      "select case when | then 1 end from orders",
    ];
    for (const sql of cases) {
      const s = await at(sql);
      expect(labels(s, "column"), sql).toEqual(["id", "customer_id", "total"]);
      expect(s[0]!.kind, sql).toBe("column");
    }
  });

  it("uses the columns of every joined table after ON, once per name", async () => {
    const s = await at("select * from orders o join customers c on |");
    expect(labels(s, "column")).toEqual(["id", "customer_id", "total", "name", "country"]);
    expect(labels(s, "alias")).toEqual(["o", "c"]);
  });

  it("resolves an alias: `o.` lists the columns of `orders o`, wherever the FROM is", async () => {
    expect(labels(await at("select o.| from orders o join customers c on c.id = o.customer_id"))).toEqual(["id", "customer_id", "total"]);
    expect(labels(await at("select * from orders o join customers as c on c.|"))).toEqual(["id", "name", "country"]);
    expect(labels(await at("select * from orders o where o.to|"))).toEqual(["id", "customer_id", "total"]);
    // A table without an alias is its own qualifier.
    expect(labels(await at("select customers.| from customers"))).toEqual(["id", "name", "country"]);
  });

  it("loads another schema's table for its alias", async () => {
    const loaded: string[] = [];
    const s = await at("select f.| from staging.flights f", sourceWith(loaded));
    expect(labels(s)).toEqual(["origin", "destination", "delay"]);
    expect(loaded).toContain("lakehouse.staging");
  });

  it("knows CTEs: their names after FROM and their columns by select list, alias or column list", async () => {
    const cte = "with recent as (select o.id, total as amount, c.name from orders o join customers c on c.id = o.customer_id) ";
    expect(labels(await at(`${cte}select * from |`), "cte")).toEqual(["recent"]);
    expect(labels(await at(`${cte}select r.| from recent r`))).toEqual(["id", "amount", "name"]);
    expect(labels(await at(`${cte}select | from recent`), "column")).toEqual(["id", "amount", "name"]);
    expect(labels(await at("with t(a, b) as (select 1, 2) select t.| from t"))).toEqual(["a", "b"]);
    // `*` in a CTE expands to its tables' columns.
    expect(labels(await at("with everything as (select * from customers) select e.| from everything e"))).toEqual(["id", "name", "country"]);
    // Two CTEs, the second reading the first.
    expect(labels(await at("with a as (select id from orders), b as (select * from a) select b.| from b"))).toEqual(["id"]);
  });

  it("knows a subquery's columns by its alias", async () => {
    expect(labels(await at("select s.| from (select id, total * 2 doubled from orders) s"))).toEqual(["id", "doubled"]);
  });

  it("sees the tables of the enclosing query in a correlated subquery, its own first", async () => {
    const s = await at("select * from customers c where exists (select 1 from orders o where o.customer_id = |)");
    expect(labels(s, "column")).toEqual(["id", "customer_id", "total", "name", "country"]);
    expect(labels(await at("select * from customers c where exists (select 1 from orders o where c.|)"))).toEqual(["id", "name", "country"]);
  });

  it("reads only the statement under the cursor", async () => {
    const s = await at("select * from orders;\nselect | from customers;\nselect * from flights");
    expect(labels(s, "column")).toEqual(["id", "name", "country"]);
  });

  it("offers keywords after a complete table or expression", async () => {
    for (const sql of ["select * from orders |", "select * from orders o |", "select * from orders where total |", "select id |"]) {
      const s = await at(sql);
      expect([...kinds(s)], sql).toEqual(["keyword"]);
      expect(labels(s), sql).toContain("WHERE");
    }
  });

  it("offers nothing inside a string or a comment", async () => {
    expect(await at("select * from orders where name = 'ab|'")).toEqual([]);
    expect(await at("select * from orders -- a note |")).toEqual([]);
    expect(await at("select /* | */ * from orders")).toEqual([]);
  });

  it("offers the current schema's tables (with functions and keywords) when SELECT has no FROM yet", async () => {
    const s = await at("select |");
    expect(labels(s, "table")).toEqual(["orders", "customers"]);
    expect(labels(s, "function")).toContain("count");
  });

  it("falls back to schema.table for a qualifier that is no alias", async () => {
    expect(labels(await at("select staging.flights.| from staging.flights x"))).toEqual(["origin", "destination", "delay"]);
    expect(labels(await at("select curated.| "), "table")).toEqual(["orders", "customers"]);
  });

  it("gives no suggestions (rather than an error) when metadata cannot be read", async () => {
    const failing = { ...sourceWith(), loadTables: () => Promise.reject(new Error("no permission")) };
    expect(await at("select f.| from staging.flights f", failing)).toEqual([]);
  });
});

describe("qualified suggestions", () => {
  it("lists a schema's tables and a table's columns", async () => {
    const source = sourceWith();
    expect((await qualifiedSuggestions(source, ["staging"])).tables.map((t) => t.name)).toEqual(["flights"]);
    expect((await qualifiedSuggestions(source, ["orders"])).columns.map((c) => c.name)).toEqual(["id", "customer_id", "total"]);
    expect((await qualifiedSuggestions(source, ["lakehouse", "staging", "flights"])).columns.map((c) => c.name)).toEqual(["origin", "destination", "delay"]);
  });
});
