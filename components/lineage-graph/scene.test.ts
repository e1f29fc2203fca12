import { describe, expect, it } from "vitest";
// fast-xml-parser 3 (installed with s3rver, the S3 test server): a real XML parser for the export.
import { parse as parseXml, validate as validateXml } from "fast-xml-parser";
import { layoutLayered } from "@/lib/lineage/layout/layered";
import type { LineageViewGraph, LineageViewNode } from "@/lib/lineage/graph-view";
import { buildScene, hitTest, layoutInputOf, neighbourFor, nodesInRect, searchNodes, truncateChars, type Scene } from "./scene";
import { compactCount, detailLines, escapeXml, sceneToSvg } from "./svg";
import { LIGHT } from "./palette";

const node = (id: string, depth: number, extra: Partial<LineageViewNode> = {}): LineageViewNode => ({
  id,
  kind: id.startsWith("job:") ? "job" : "dataset",
  namespace: id.split(":")[1] ?? "ns",
  name: id.split(":").slice(2).join(":"),
  depth,
  ...extra,
});

function sceneOf(graph: LineageViewGraph): Scene {
  return buildScene(graph, layoutLayered(layoutInputOf(graph)));
}

const demo: LineageViewGraph = {
  nodes: [
    node("dataset:s3:raw.orders", -2),
    node("dataset:s3:raw.customers", -2),
    node("job:airflow:build_orders", -1, { lastRun: { state: "COMPLETE", at: null }, hidden: { upstream: 3, downstream: 0 } }),
    node("dataset:warehouse:orders", 0, { stale: true, owners: ["ana", "bo"] }),
    node("job:airflow:report", 1),
    node("job:airflow:export", 1),
  ],
  edges: [
    { id: "e1", source: "dataset:s3:raw.orders", target: "job:airflow:build_orders" },
    { id: "e2", source: "dataset:s3:raw.customers", target: "job:airflow:build_orders" },
    { id: "e3", source: "job:airflow:build_orders", target: "dataset:warehouse:orders" },
    { id: "e4", source: "dataset:warehouse:orders", target: "job:airflow:report" },
    { id: "e5", source: "dataset:warehouse:orders", target: "job:airflow:export" },
  ],
};

describe("hit testing", () => {
  const scene = sceneOf(demo);
  const never = () => false;

  it("finds the node under a point and nothing on the background", () => {
    demo.nodes.forEach((_, i) => {
      const hit = hitTest(scene, scene.x[i]! + scene.w[i]! / 2, scene.y[i]! + 10, never);
      expect(hit).toEqual({ kind: "node", index: i });
    });
    expect(hitTest(scene, -500, -500, never)).toBeNull();
    // Between two columns.
    expect(hitTest(scene, scene.x[0]! + scene.w[0]! + 48, scene.y[0]! + 5, never)).toBeNull();
  });

  it("finds a hidden-count badge on the node's edge, and an expanded side's badge", () => {
    const job = scene.indexOf.get("job:airflow:build_orders")!;
    const mid = scene.y[job]! + scene.h[job]! / 2;
    expect(hitTest(scene, scene.x[job]! - 6, mid, never)).toEqual({ kind: "badge", index: job, side: "upstream" });
    // Nothing hidden downstream: the right edge is the node itself.
    expect(hitTest(scene, scene.x[job]! + scene.w[job]! - 2, mid, never)).toEqual({ kind: "node", index: job });
    const expanded = (i: number, side: string) => i === job && side === "downstream";
    expect(hitTest(scene, scene.x[job]! + scene.w[job]! + 6, mid, expanded)).toEqual({ kind: "badge", index: job, side: "downstream" });
  });

  it("answers from the grid on a 10,000-node graph with what a linear scan finds", () => {
    const nodes: LineageViewNode[] = [];
    const edges: LineageViewGraph["edges"] = [];
    for (let i = 0; i < 10_000; i++) {
      nodes.push(node(`${i % 2 ? "job" : "dataset"}:ns:n${i}`, Math.floor(i / 100)));
      if (i >= 100) edges.push({ id: `e${i}`, source: nodes[i - 100]!.id, target: nodes[i]!.id });
    }
    const big = sceneOf({ nodes, edges });
    for (const i of [0, 4_321, 9_999]) {
      expect(hitTest(big, big.x[i]! + 100, big.y[i]! + 20, never)).toEqual({ kind: "node", index: i });
    }
    const [left, top, right, bottom] = [1000, 2000, 2600, 3400];
    const linear = nodes.map((_, i) => i).filter((i) => big.x[i]! - 22 <= right && big.x[i]! + big.w[i]! + 22 >= left && big.y[i]! <= bottom && big.y[i]! + big.h[i]! >= top);
    expect(nodesInRect(big, left, top, right, bottom)).toEqual(linear);
    expect(nodesInRect(big, -1e7, -1e7, 1e7, 1e7)).toHaveLength(10_000);
  });
});

describe("keyboard moves", () => {
  const scene = sceneOf(demo);
  const at = (id: string) => scene.indexOf.get(id)!;

  it("goes downstream with Right, upstream with Left, within the column with Up and Down", () => {
    expect(neighbourFor(scene, at("job:airflow:build_orders"), "ArrowRight")).toBe(at("dataset:warehouse:orders"));
    expect(neighbourFor(scene, at("dataset:warehouse:orders"), "ArrowLeft")).toBe(at("job:airflow:build_orders"));
    const right = neighbourFor(scene, at("dataset:warehouse:orders"), "ArrowRight")!;
    expect([at("job:airflow:report"), at("job:airflow:export")]).toContain(right);
    const other = neighbourFor(scene, right, "ArrowDown") ?? neighbourFor(scene, right, "ArrowUp");
    expect([at("job:airflow:report"), at("job:airflow:export")]).toContain(other);
    expect(other).not.toBe(right);
    expect(neighbourFor(scene, at("dataset:s3:raw.orders"), "ArrowLeft")).toBeNull();
  });
});

describe("search", () => {
  it("ranks whole names, then prefixes, then word starts, then anywhere; namespace words count", () => {
    const graph: LineageViewGraph = {
      nodes: [node("dataset:a:big_orders_archive", 0), node("dataset:a:orders", 0), node("dataset:a:orders_daily", 0), node("dataset:a:reorders", 0), node("job:b:x", 0)],
      edges: [],
    };
    expect(searchNodes(graph, "ORDERS")).toEqual([1, 2, 0, 3]);
    expect(searchNodes(graph, "orders a")).toEqual([1, 2, 0, 3]);
    expect(searchNodes(graph, "b x")).toEqual([4]);
    expect(searchNodes(graph, "   ")).toEqual([]);
    expect(searchNodes(graph, "(.*")).toEqual([]);
    expect(searchNodes(graph, "o", 2)).toHaveLength(2);
  });

  it("matches emoji and other scripts", () => {
    const graph: LineageViewGraph = { nodes: [node("dataset:ns:Umsätze 📈 täglich", 0)], edges: [] };
    expect(searchNodes(graph, "📈")).toEqual([0]);
    expect(searchNodes(graph, "UMSÄTZE")).toEqual([0]);
  });
});

describe("text", () => {
  it("truncates without splitting an emoji", () => {
    expect(truncateChars("ab😀cd", 4)).toBe("ab😀…");
    expect(truncateChars("short", 10)).toBe("short");
    expect(truncateChars("x".repeat(500), 30)).toHaveLength(30);
  });

  it("sums up detail lines past five and writes counts compactly", () => {
    expect(detailLines(["a", "b"])).toEqual(["a", "b"]);
    expect(detailLines(["1", "2", "3", "4", "5", "6", "7", "8"])).toEqual(["1", "2", "3", "4", "5", "+3 more"]);
    expect([compactCount(5), compactCount(1234), compactCount(25_000)]).toEqual(["5", "1.2k", "25k"]);
  });
});

/** The five predefined entities (fast-xml-parser 3 leaves them as written). */
function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[name]!);
}

describe("SVG export", () => {
  const nasty: LineageViewGraph = {
    nodes: [
      node("dataset:ns:a<b>&c\"d'e", -1, { owners: ["<script>"], details: ["x < y & z"] }),
      node("job:ns:emoji 😀 job", 0, { lastRun: { state: "FAIL", at: null }, stale: true, hidden: { upstream: 0, downstream: 1200 } }),
      node("dataset:ns:" + "long".repeat(125), 1),
      node("dataset:ns:bad\u0001control", 1),
    ],
    edges: [
      { id: "e1", source: "dataset:ns:a<b>&c\"d'e", target: "job:ns:emoji 😀 job", change: "added", label: "IDENTITY & <more>" },
      { id: "e2", source: "job:ns:emoji 😀 job", target: "dataset:ns:" + "long".repeat(125), change: "removed" },
    ],
  };

  it("is valid XML holding every node's full name, escaped", () => {
    const svg = sceneToSvg(sceneOf(nasty), { palette: LIGHT, dark: false, focusId: nasty.nodes[1]!.id });
    expect(validateXml(svg)).toBe(true);
    const titles: string[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        for (const [key, child] of Object.entries(value)) {
          if (key === "title") titles.push(...[child].flat().map(String));
          else walk(child);
        }
      }
    };
    walk(parseXml(svg, { ignoreAttributes: true, parseNodeValue: false, tagValueProcessor: (value: string) => decodeXml(value) }));
    for (const n of nasty.nodes) expect(titles).toContain(`${n.kind} ${n.namespace} / ${n.name.replace("\u0001", "\uFFFD")}`);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("😀");
    expect(svg).toContain("+1.2k");
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain("IDENTITY &amp; &lt;more&gt;");
  });

  it("escapes the five XML characters and drops characters XML forbids", () => {
    expect(escapeXml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
    expect(escapeXml("a\u0000b\uD800c")).toBe("a\uFFFDb\uFFFDc");
    expect(escapeXml("ok 😀")).toBe("ok 😀");
  });

  it("exports an empty graph as a valid, empty drawing", () => {
    const svg = sceneToSvg(sceneOf({ nodes: [], edges: [] }), { palette: LIGHT, dark: false });
    expect(validateXml(svg)).toBe(true);
  });
});
