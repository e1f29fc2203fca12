// Malformed tRPC input is refused with a 400 and a plain reason before any procedure runs.
import { describe, expect, it } from "vitest";
import { BATCH_NOT_OBJECT, NOT_JSON, NOT_SUPERJSON, trpcInputRefusal, trpcRequestRefusal } from "./trpc-input";

describe("trpcInputRefusal", () => {
  it.each([
    ['{"json":', NOT_JSON],
    ["[1,2", NOT_JSON],
    ["undefined", NOT_JSON],
    ["{'json':1}", NOT_JSON],
    ['{"json":{"n":"x"},"meta":{"values":{"n":["bigint"]}}}', NOT_SUPERJSON],
    ['{"json":{"n":"x"},"meta":{"values":{"n":[["custom","nope"]]}}}', NOT_SUPERJSON],
    ['{"json":{"n":"x"},"meta":{"values":"garbage"}}', NOT_SUPERJSON],
    ['{"json":{"n":"x"},"meta":{"values":{"n":["regexp"]}}}', NOT_SUPERJSON],
    ['{"json":{"a":1},"meta":{"values":{"__proto__.a":["undefined"]}}}', NOT_SUPERJSON],
    ['{"json":{"n":"x"},"meta":{"values":{"n":[["class","Foo"]]}}}', NOT_SUPERJSON],
    ['{"json":{"n":"x"},"meta":{"values":{"n":[["symbol","Foo"]]}}}', NOT_SUPERJSON],
    ['{"json":{"n":"x"},"meta":{"values":{"n":["URL"]}}}', NOT_SUPERJSON],
  ])("refuses a single call's input %s", (text, reason) => {
    expect(trpcInputRefusal(text, false)).toBe(reason);
  });

  it.each([
    ['[{"json":1}]', BATCH_NOT_OBJECT],
    ['"0"', BATCH_NOT_OBJECT],
    ["null", BATCH_NOT_OBJECT],
    ['{"0":{"json":1},"1":{"json":{"n":"x"},"meta":{"values":{"n":["bigint"]}}}}', NOT_SUPERJSON],
  ])("refuses a batch's input %s", (text, reason) => {
    expect(trpcInputRefusal(text, true)).toBe(reason);
  });

  it.each([
    ['{"json":{"email":"a@b.test"}}', false],
    ['{"json":{"when":"2026-01-01T00:00:00.000Z"},"meta":{"values":{"when":["Date"]}}}', false],
    ['{"0":{"json":null,"meta":{"values":["undefined"]}},"1":{"json":{"id":"x"}}}', true],
    ["", false],
  ])("lets the client's own input through: %s", (text, batch) => {
    expect(trpcInputRefusal(text, batch)).toBeNull();
  });

  it("reads a GET call's input parameter and a POST call's body", async () => {
    const get = new Request(`http://x/api/trpc/a.b?batch=1&input=${encodeURIComponent("[oops")}`);
    expect(await trpcRequestRefusal(get)).toBe(NOT_JSON);
    const post = new Request("http://x/api/trpc/a.b", { method: "POST", body: '{"json":' });
    expect(await trpcRequestRefusal(post)).toBe(NOT_JSON);
    // The body stays readable for tRPC afterwards.
    expect(await post.text()).toBe('{"json":');
  });
});
