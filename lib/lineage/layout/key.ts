// The layout cache's key: a hash of what the layout depends on (node ids, sizes and depths, edge
// endpoints), so a re-render, a selection or a highlight change never lays the graph out again.
import type { LayoutInput } from "./layered";

/** 53-bit FNV-1a-style hash over the layout's inputs, as a base-36 string. */
export function layoutKey(input: LayoutInput): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const feed = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 16777619);
      h2 = Math.imul(h2 ^ c, 2246822519);
    }
    // A separator no id can fake by concatenation.
    h1 = Math.imul(h1 ^ 0xffff, 16777619);
    h2 = Math.imul(h2 ^ 0xffff, 2246822519);
  };
  for (const node of input.nodes) {
    feed(node.id);
    feed(`${node.width}x${node.height}@${node.depth ?? ""}`);
  }
  feed("|");
  for (const edge of input.edges) {
    feed(edge.source);
    feed(edge.target);
  }
  feed(`${input.layerGap ?? ""}/${input.nodeGap ?? ""}/${input.sweeps ?? ""}`);
  return `${input.nodes.length}-${input.edges.length}-${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}
