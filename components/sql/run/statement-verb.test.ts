import { describe, expect, it } from "vitest";
import { statementVerb } from "./statement-verb";

describe("statementVerb", () => {
  it("names the statement as people say it", () => {
    expect(statementVerb("drop table staging.x")).toBe("DROP TABLE");
    expect(statementVerb("-- clean up\n/* really */ DELETE FROM t")).toBe("DELETE");
    expect(statementVerb("truncate table t")).toBe("TRUNCATE TABLE");
    expect(statementVerb("DROP IF EXISTS")).toBe("DROP");
    expect(statementVerb("create or replace table t as select 1")).toBe("CREATE OR REPLACE");
    expect(statementVerb("   ")).toBe("SQL");
  });
});
