import { describe, expect, it } from "vitest";
import { ParameterStore } from "./parameter-store";

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe("parameter values per tab", () => {
  it("keeps each tab's values apart and brings them back after a reload", () => {
    const storage = memoryStorage();
    const store = new ParameterStore(storage);
    store.set("tab-1", "country", { value: "NL", type: "text" });
    store.set("tab-2", "country", { value: "DE", type: "text" });
    const reloaded = new ParameterStore(storage);
    expect(reloaded.valuesOf("tab-1")).toEqual({ country: { value: "NL", type: "text" } });
    expect(reloaded.valuesOf("tab-2").country?.value).toBe("DE");
    reloaded.forget("tab-1");
    expect(new ParameterStore(storage).valuesOf("tab-1")).toEqual({});
  });

  it("tells subscribers about changes and survives unreadable storage", () => {
    const store = new ParameterStore({ getItem: () => "not json", setItem: () => undefined });
    let calls = 0;
    store.subscribe(() => calls++);
    store.set("t", "n", { value: "1", type: "number" });
    expect(calls).toBe(1);
    expect(store.valuesOf("t").n).toEqual({ value: "1", type: "number" });
  });
});
