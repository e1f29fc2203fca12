import { describe, expect, it } from "vitest";
import { fitText, legibleText } from "./draw";

/** A context whose font draws every character (emoji included) 7 px wide and counts measurements. */
function fakeContext() {
  const ctx = {
    font: "10px test",
    measured: 0,
    measureText(text: string) {
      ctx.measured++;
      return { width: Array.from(text).length * 7 };
    },
  };
  return ctx;
}

describe("fitText", () => {
  it("keeps text that fits and cuts the rest to the widest prefix with an ellipsis", () => {
    const ctx = fakeContext();
    const fit = (text: string, max: number) => fitText(ctx as unknown as CanvasRenderingContext2D, text, max);
    expect(fit("orders", 100)).toBe("orders");
    // 100 px: 14 characters, 13 and the ellipsis.
    expect(fit("a_rather_long_table_name", 100)).toBe("a_rather_long…");
    expect(fit("😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", 50)).toBe("😀😀😀😀😀😀…");
    expect(fit("anything", 4)).toBe("");
  });

  it("measures a 500-character name a few times, not once per character", () => {
    const ctx = fakeContext();
    const name = "x".repeat(250) + "📈".repeat(250);
    const cut = fitText(ctx as unknown as CanvasRenderingContext2D, name, 214);
    expect(Array.from(cut)).toHaveLength(30);
    expect(cut.endsWith("…")).toBe(true);
    expect(ctx.measured).toBeLessThan(8);
    // Cached: measured once per font, width and text.
    fitText(ctx as unknown as CanvasRenderingContext2D, name, 214);
    expect(ctx.measured).toBeLessThan(8);
  });
});

describe("legibleText", () => {
  it("draws no line smaller than the legible size: names first, then details, namespaces and badges", () => {
    // Just above the simple level a 13 px name is 6 screen px: drawn; 10 px namespaces (4.6 px) are not.
    expect(legibleText(0.46)).toEqual({ name: true, details: false, namespace: false, small: false });
    expect(legibleText(0.52)).toEqual({ name: true, details: true, namespace: false, small: false });
    expect(legibleText(0.58)).toEqual({ name: true, details: true, namespace: true, small: false });
    expect(legibleText(1)).toEqual({ name: true, details: true, namespace: true, small: true });
  });
});
