import { describe, expect, it } from "vitest";
import { bindParameters, findParameters } from "./parameters";

describe("query parameters", () => {
  it("finds each {{name}} once, in order, but not inside strings or comments", () => {
    expect(findParameters("select * from t where a = {{a}} and b > {{min_b}} or a = {{a}}")).toEqual(["a", "min_b"]);
    expect(findParameters("select '{{not_me}}' -- {{nor_me}}\n/* {{nor_this}} */ , {{yes}}")).toEqual(["yes"]);
    expect(findParameters("select { {a} }, {{1}}, {{a-b}}")).toEqual([]);
    expect(findParameters("select {{ spaced }}")).toEqual(["spaced"]);
  });

  it("puts text in as a quoted string with quotes doubled, so it cannot end the string", () => {
    const bound = bindParameters("select * from t where name = {{name}}", { name: { value: "x' or '1'='1", type: "text" } });
    expect(bound).toEqual({ ok: true, sql: "select * from t where name = 'x'' or ''1''=''1'" });
    expect(bindParameters("select {{a}}", { a: { value: "back\\slash", type: "text" } })).toEqual({ ok: true, sql: "select 'back\\slash'" });
  });

  it("puts numbers in as they are, after checking they are numbers", () => {
    expect(bindParameters("limit {{n}}", { n: { value: " 25 ", type: "number" } })).toEqual({ ok: true, sql: "limit 25" });
    expect(bindParameters("select {{x}}", { x: { value: "-1.5e3", type: "number" } })).toEqual({ ok: true, sql: "select -1.5e3" });
    const bad = bindParameters("limit {{n}}", { n: { value: "1; drop table t", type: "number" } });
    expect(bad).toMatchObject({ ok: false, name: "n" });
    expect(!bad.ok && bad.message).toMatch(/\{\{n\}\} must be a number/);
  });

  it("blocks the run on an empty or missing parameter, naming it", () => {
    const bound = bindParameters("select {{a}}, {{b}}", { a: { value: "1", type: "number" } });
    expect(bound).toEqual({ ok: false, name: "b", message: "The parameter {{b}} is empty: fill it in above the editor, then run again." });
    expect(bindParameters("select {{a}}", { a: { value: "", type: "text" } })).toMatchObject({ ok: false, name: "a" });
  });

  it("leaves SQL without parameters unchanged", () => {
    const sql = "select '{{x}}', 1 -- {{y}}";
    expect(bindParameters(sql, {})).toEqual({ ok: true, sql });
  });
});
