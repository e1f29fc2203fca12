// The lineage graph by touch on a phone, through Chromium's real touch input (CDP
// Input.dispatchTouchEvent): one finger pans by the distance moved, two fingers spreading apart
// zoom by the ratio of their distances, and a tap on a node selects it. The component writes its
// view on the canvas (data-pan, data-zoom) every frame; the selection is on the container.
import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";
import { createUser, SIGNED_OUT, signIn } from "./helpers";

test.use({ storageState: SIGNED_OUT, viewport: { width: 375, height: 740 } });

const FOCUS = "dataset:duckdb://portal:lakehouse.staging.flights";

async function viewOf(page: Page) {
  const canvas = page.getByTestId("lineage-graph").locator("canvas");
  const [zoom, pan] = await Promise.all([canvas.getAttribute("data-zoom"), canvas.getAttribute("data-pan")]);
  const [x, y] = (pan ?? "").split(",").map(Number);
  return { k: Number(zoom), x: x!, y: y! };
}

test("one finger pans, two fingers pinch-zoom, a tap selects", async ({ page }) => {
  await signIn(page, await createUser({ label: "lineage-touch", role: "viewer" }));
  await page.goto(`/lineage?focus=${encodeURIComponent(FOCUS)}`);
  const graph = page.getByTestId("lineage-graph");
  await expect(graph).toHaveAttribute("data-layout", "ready");
  const canvas = graph.locator("canvas");
  await expect(canvas).toHaveAttribute("data-zoom", /\d/);
  // On a phone the graph is below the filters: touches land where the finger is, so bring it into view.
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const cx = Math.round(box.x + box.width / 2);
  const cy = Math.round(box.y + box.height / 2);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", points: { x: number; y: number }[]) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points.map((p, id) => ({ ...p, id })) });

  // One finger: the view follows it, the zoom stays.
  const before = await viewOf(page);
  await touch("touchStart", [{ x: cx, y: cy }]);
  for (let step = 1; step <= 8; step++) await touch("touchMove", [{ x: cx - step * 10, y: cy + step * 5 }]);
  await touch("touchEnd", []);
  await expect.poll(async () => (await viewOf(page)).x).toBeCloseTo(before.x - 80, 0);
  const panned = await viewOf(page);
  expect(panned.y).toBeCloseTo(before.y + 40, 0);
  expect(panned.k).toBe(before.k);
  // A drag is not a tap: the selection (the page selects the focus by default) did not change.
  await expect(graph).toHaveAttribute("data-selected", FOCUS);

  // Two fingers from 60 to 120 px apart: twice the zoom (within the zoom limits).
  await touch("touchStart", [
    { x: cx - 30, y: cy },
    { x: cx + 30, y: cy },
  ]);
  for (let step = 1; step <= 6; step++) {
    await touch("touchMove", [
      { x: cx - 30 - step * 5, y: cy },
      { x: cx + 30 + step * 5, y: cy },
    ]);
  }
  await touch("touchEnd", []);
  await expect.poll(async () => (await viewOf(page)).k / panned.k).toBeCloseTo(Math.min(2, 4 / panned.k), 2);

  // A tap on a node selects it: another node is centred (and selected) by the node list's
  // button, Escape gives the selection back to the page's default, then a tap at the centre.
  const others = graph.getByRole("list", { name: "Nodes in this graph" }).getByRole("button").filter({ hasNotText: "lakehouse.staging.flights (dataset)" });
  await others.first().dispatchEvent("click");
  await expect(graph).not.toHaveAttribute("data-selected", FOCUS);
  const other = (await graph.getAttribute("data-selected"))!;
  expect(other).not.toBe("");
  await graph.getByRole("application").press("Escape");
  await expect(graph).toHaveAttribute("data-selected", FOCUS);
  await touch("touchStart", [{ x: cx, y: cy }]);
  await touch("touchEnd", []);
  await expect(graph).toHaveAttribute("data-selected", other);
  await cdp.detach();
});
