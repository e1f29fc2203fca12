import { describe, expect, it } from "vitest";
import { CURVES_FROM, levelOfDetail, SIMPLE_BELOW, LABELS_FROM } from "./draw";
import { CostModel, costKey, exposedStrips, uncoveredRects, OVERVIEW_MAX_PIXELS, OVERVIEW_MAX_SIDE, overviewTarget, sameContent, type Content, type Target } from "./render-plan";
import type { Scene } from "./scene";

const target = (x: number, y: number, k = 1, width = 800, height = 600, dpr = 1): Target => ({ view: { x, y, k }, width, height, dpr });
const area = (strips: { width: number; height: number }[]) => strips.reduce((sum, s) => sum + s.width * s.height, 0);

describe("levelOfDetail", () => {
  it("draws plain rectangles and straight edges below the threshold, cards with text and arrowheads from it, labels only close up", () => {
    expect(levelOfDetail(0.05)).toEqual({ simple: true, arrows: false, text: false, curves: false, edgeLabels: false });
    expect(levelOfDetail(SIMPLE_BELOW - 0.001)).toMatchObject({ simple: true, arrows: false, text: false });
    expect(levelOfDetail(SIMPLE_BELOW)).toEqual({ simple: false, arrows: true, text: true, curves: false, edgeLabels: false });
    // Square cards and straight edges until corners and curves are big enough to see.
    expect(levelOfDetail(CURVES_FROM - 0.001).curves).toBe(false);
    expect(levelOfDetail(CURVES_FROM).curves).toBe(true);
    expect(levelOfDetail(LABELS_FROM - 0.001).edgeLabels).toBe(false);
    expect(levelOfDetail(LABELS_FROM).edgeLabels).toBe(true);
    expect(levelOfDetail(4)).toEqual({ simple: false, arrows: true, text: true, curves: true, edgeLabels: true });
  });
});

describe("exposedStrips", () => {
  it("after a pan right and down, a full-height strip on the left and a row at the top, together exactly the new area", () => {
    const strips = exposedStrips(target(0, 0), target(30, 20))!;
    expect(strips).toEqual([
      { x: 0, y: 0, width: 30, height: 600 },
      { x: 30, y: 0, width: 770, height: 20 },
    ]);
    // What the shifted copy covers plus the strips is the whole surface, nothing twice.
    expect(area(strips) + (800 - 30) * (600 - 20)).toBe(800 * 600);
  });

  it("after a pan left and up, the strips are on the right and at the bottom", () => {
    expect(exposedStrips(target(0, 0), target(-25, -10))).toEqual([
      { x: 775, y: 0, width: 25, height: 600 },
      { x: 0, y: 590, width: 775, height: 10 },
    ]);
  });

  it("is empty when nothing moved and a single strip for a move along one axis", () => {
    expect(exposedStrips(target(5, 5), target(5, 5))).toEqual([]);
    expect(exposedStrips(target(5, 5), target(5, -45))).toEqual([{ x: 0, y: 550, width: 800, height: 50 }]);
  });

  it("refuses to reuse the picture after a zoom, a resize, a new pixel ratio, a shift of part of a device pixel or beyond the surface", () => {
    expect(exposedStrips(target(0, 0, 1), target(10, 0, 1.1))).toBeNull();
    expect(exposedStrips(target(0, 0, 1, 800), target(10, 0, 1, 801))).toBeNull();
    expect(exposedStrips(target(0, 0, 1, 800, 600, 1), target(10, 0, 1, 800, 600, 2))).toBeNull();
    expect(exposedStrips(target(0, 0), target(10.5, 0))).toBeNull();
    // Half a CSS pixel is a whole device pixel at dpr 2: reusable.
    expect(exposedStrips(target(0, 0, 1, 800, 600, 2), target(10.5, 0, 1, 800, 600, 2))).toEqual([{ x: 0, y: 0, width: 10.5, height: 600 }]);
    expect(exposedStrips(target(0, 0), target(800, 0))).toBeNull();
    expect(exposedStrips(target(0, 0), target(0, -600))).toBeNull();
  });
});

describe("uncoveredRects", () => {
  it("is empty when the moved picture covers the surface, the exposed strips after a pan, a frame around it after zooming out", () => {
    expect(uncoveredRects(target(0, 0), target(0, 0))).toEqual([]);
    expect(uncoveredRects(target(0, 0, 1), target(-400, -300, 2))).toEqual([]);
    expect(uncoveredRects(target(0, 0), target(30, -20))).toEqual([
      { x: 0, y: 580, width: 800, height: 20 },
      { x: 0, y: 0, width: 30, height: 580 },
    ]);
    const around = uncoveredRects(target(0, 0, 1), target(200, 150, 0.5));
    expect(around).toHaveLength(4);
    expect(area(around)).toBe(800 * 600 - 400 * 300);
    expect(uncoveredRects(target(0, 0), target(900, 0))).toEqual([{ x: 0, y: 0, width: 800, height: 600 }]);
  });
});

describe("CostModel", () => {
  it("sizes a slice to its budget, raises the estimate at once after a slow slice and lowers it gradually", () => {
    const model = new CostModel(1, 8, 5_000);
    expect(model.count(8)).toBe(8);
    model.learn(8, 0.8); // 0.1 ms per item
    expect(model.estimate()).toBeCloseTo(0.55);
    model.learn(100, 10);
    model.learn(100, 10);
    model.learn(100, 10);
    expect(model.estimate()).toBeLessThan(0.2);
    model.learn(10, 50); // a slow slice (the machine got busy): 5 ms per item from now on
    expect(model.estimate()).toBe(5);
    expect(model.count(8)).toBe(8); // never below the minimum, so drawing always progresses
    expect(new CostModel(0.00001, 1, 300).count(8)).toBe(300);
  });
});

describe("costKey", () => {
  it("keeps the overview apart and bands the view's zoom by half octaves", () => {
    expect(costKey("edges", true, "overview")).toBe("edges-simple@overview");
    expect(costKey("edges", true, 0.1)).not.toBe(costKey("edges", true, "overview"));
    expect(costKey("nodes", false, 1)).toBe(costKey("nodes", false, 1.1));
    expect(costKey("nodes", false, 1)).not.toBe(costKey("nodes", false, 1.6));
    expect(costKey("edges", false, 0.46)).not.toBe(costKey("edges", true, 0.46));
  });
});

describe("overviewTarget", () => {
  it("fits the whole graph into the overview's size limits and never enlarges it", () => {
    const tall = overviewTarget(7_000, 40_000);
    expect(Math.max(tall.width, tall.height)).toBeLessThanOrEqual(OVERVIEW_MAX_SIDE);
    expect(tall.width * tall.height).toBeLessThanOrEqual(OVERVIEW_MAX_PIXELS);
    expect(tall.view.k).toBeCloseTo((OVERVIEW_MAX_SIDE - 32) / 40_000);
    const square = overviewTarget(20_000, 20_000);
    expect(square.width * square.height).toBeLessThanOrEqual(OVERVIEW_MAX_PIXELS);
    expect(overviewTarget(300, 200).view.k).toBe(1);
  });
});

describe("sameContent", () => {
  it("matches only the same scene, theme, highlight and expansion", () => {
    const scene = {} as Scene;
    const lit = new Uint8Array(3);
    const expanded = new Set<string>();
    const base: Content = { scene, dark: false, nodeLit: lit, edgeLit: null, expanded };
    expect(sameContent(base, { ...base })).toBe(true);
    expect(sameContent(base, { ...base, scene: {} as Scene })).toBe(false);
    expect(sameContent(base, { ...base, dark: true })).toBe(false);
    // An equal but new highlight is a new picture (the component makes a new array per change).
    expect(sameContent(base, { ...base, nodeLit: new Uint8Array(3) })).toBe(false);
    expect(sameContent(base, { ...base, edgeLit: new Uint8Array(1) })).toBe(false);
    expect(sameContent(base, { ...base, expanded: new Set<string>() })).toBe(false);
  });
});
