import { describe, expect, it } from "vitest";
import { EngineQueryError } from "./query-engine";
import { DomainError } from "../errors";

// The launcher (tsx) and Next's compiled server code each load their own copy of these modules;
// an error thrown by one copy's class must still be recognised by the other's instanceof.
describe("errors are recognised across module copies", () => {
  it("an EngineQueryError from another copy of the class", () => {
    class OtherCopy extends Error {
      constructor(readonly kind: string) {
        super("line 2: boom");
        this.name = "EngineQueryError";
      }
    }
    expect(new OtherCopy("user") instanceof EngineQueryError).toBe(true);
    expect(new Error("plain") instanceof EngineQueryError).toBe(false);
    expect(Object.assign(new Error("no kind"), { name: "EngineQueryError" }) instanceof EngineQueryError).toBe(false);
  });

  it("a DomainError from another copy of the class", () => {
    const other = Object.assign(new Error("No such thing"), { name: "DomainError", code: "NOT_FOUND" });
    expect(other instanceof DomainError).toBe(true);
    expect(new TypeError("x") instanceof DomainError).toBe(false);
  });
});
