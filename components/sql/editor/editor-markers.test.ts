import { describe, expect, it } from "vitest";
import { positionInModel } from "./editor-markers";

// A stand-in for Monaco's model.getPositionAt over a plain string.
function modelOf(text: string) {
  return {
    getPositionAt(offset: number) {
      const before = text.slice(0, offset);
      const lines = before.split("\n");
      return { lineNumber: lines.length, column: lines.at(-1)!.length + 1 };
    },
  };
}

describe("positionInModel", () => {
  const text = "select 1;\n\n  select *\n  form t;";
  const start = text.indexOf("select *");

  it("moves a position on the statement's first line by the statement's column", () => {
    expect(positionInModel(modelOf(text), start, 1, 8)).toEqual({ lineNumber: 3, column: 10 });
  });

  it("keeps the column on later lines", () => {
    expect(positionInModel(modelOf(text), start, 2, 3)).toEqual({ lineNumber: 4, column: 3 });
  });
});
