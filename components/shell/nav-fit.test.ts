import { describe, expect, it } from "vitest";
import { fitNavItems } from "./nav-fit";

describe("fitNavItems", () => {
  const itemWidths = [80, 90, 70, 100, 90, 90, 80]; // 600 px, gaps of 4: 624 px in all

  it("shows every item when they all fit, without a More button", () => {
    expect(fitNavItems({ itemWidths, moreWidth: 80, gap: 4, available: 624 })).toBe(7);
  });

  it("leaves room for More when something overflows", () => {
    // 80+90+70 = 240, +80 More, +3 gaps = 332 ≤ 351; adding 100 does not fit.
    expect(fitNavItems({ itemWidths, moreWidth: 80, gap: 4, available: 351 })).toBe(3);
    // One pixel short of everything: More (80) does not fit where the last item (80) was, as
    // it needs a gap of its own, so two items go: 430 + 80 + 5 gaps = 530.
    expect(fitNavItems({ itemWidths, moreWidth: 80, gap: 4, available: 623 })).toBe(5);
    expect(fitNavItems({ itemWidths, moreWidth: 76, gap: 4, available: 623 })).toBe(6);
  });

  it("puts everything into More when not even one item fits beside it", () => {
    expect(fitNavItems({ itemWidths, moreWidth: 80, gap: 4, available: 120 })).toBe(0);
    expect(fitNavItems({ itemWidths: [], moreWidth: 80, gap: 4, available: 0 })).toBe(0);
  });
});
