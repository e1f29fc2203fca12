// What a profile reads, decided before it runs: whole up to a million rows, a sample above, whole
// splits on Trino above 100 million, and a confirmation on Trino for large or unknown tables.
import { describe, expect, it } from "vitest";
import { planProfile } from "./profile-plan";

describe("planProfile", () => {
  it("reads up to 1,000,000 rows whole, and samples about 500,000 above", () => {
    expect(planProfile("duckdb", 1_000_000, null, 3)).toMatchObject({ sampling: "full", percent: null, needsConfirmation: false });
    const sampled = planProfile("duckdb", 1_000_001, null, 3);
    expect(sampled).toMatchObject({ sampling: "bernoulli", needsConfirmation: false });
    expect(sampled.percent).toBeCloseTo(49.99995, 4);
    expect(sampled.summary).toBe("The table has 1,000,001 rows: the profile keeps a 49.99995% random sample (about 500,000 rows) of 3 columns.");
  });

  it("on Trino: row sampling reads everything, so it says so; above 100M rows it samples splits", () => {
    const bernoulli = planProfile("trino", 50_000_000, 4 * 1024 ** 3, 1);
    expect(bernoulli).toMatchObject({ sampling: "bernoulli", percent: 1, needsConfirmation: true });
    expect(bernoulli.summary).toBe("The table has 50,000,000 rows (4.0 GB): Trino reads all of them, twice, keeping a 1% random sample (about 500,000 rows) of 1 column.");
    expect(planProfile("trino", 100_000_001, null, 1)).toMatchObject({ sampling: "system" });
  });

  it("asks on Trino above 10 million rows, above 10 GB, or when the size is unknown; never on DuckDB", () => {
    expect(planProfile("trino", 10_000_000, 1024, 1).needsConfirmation).toBe(false);
    expect(planProfile("trino", 10_000_001, null, 1).needsConfirmation).toBe(true);
    expect(planProfile("trino", 1_000, 11 * 1024 ** 3, 1)).toMatchObject({ sampling: "full", needsConfirmation: true });
    expect(planProfile("trino", null, null, 2)).toMatchObject({
      sampling: "first",
      needsConfirmation: true,
      summary: "The engine reports no row count for this dataset: the profile reads 2 columns of the first 500,000 rows it returns (not a random sample), in two queries.",
    });
    expect(planProfile("duckdb", 5_000_000_000, null, 1).needsConfirmation).toBe(false);
  });
});
