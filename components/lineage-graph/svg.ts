// The whole graph as a standalone SVG document (Export SVG): the same boxes, edges and badges as
// the canvas, with full names in <title> and text escaped for XML.
import type { LineageHighlight } from "@/lib/lineage/graph-view";
import { runStateColour, type Palette } from "./palette";
import { badgeCentre, BADGE_RADIUS, hiddenCount, MAX_DETAIL_LINES, truncateChars, type Scene } from "./scene";

// Characters XML 1.0 forbids (controls other than tab, newline, return; lone surrogates; U+FFFE/F).
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const NAME_CHARS = 30;
const MARGIN = 32;

export type SvgOptions = {
  palette: Palette;
  dark: boolean;
  focusId?: string | null;
  selectedId?: string | null;
  highlight?: LineageHighlight;
  isExpanded?: (i: number, side: "upstream" | "downstream") => boolean;
};

export function sceneToSvg(scene: Scene, options: SvgOptions): string {
  const { palette: p } = options;
  const isExpanded = options.isExpanded ?? (() => false);
  const width = Math.ceil(scene.width + MARGIN * 2);
  const height = Math.ceil(scene.height + MARGIN * 2);
  const nodeLit = options.highlight ? new Set(options.highlight.nodeIds) : null;
  const edgeLit = options.highlight ? new Set(options.highlight.edgeIds) : null;
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${-MARGIN} ${-MARGIN} ${width} ${height}" font-family="ui-sans-serif, system-ui, sans-serif">`,
  );
  out.push(`<rect x="${-MARGIN}" y="${-MARGIN}" width="${width}" height="${height}" fill="${p.background}"/>`);
  out.push(`<g fill="none" stroke-width="1.5">`);
  scene.graph.edges.forEach((edge, e) => {
    const s = scene.edgeSource[e]!;
    const t = scene.edgeTarget[e]!;
    if (s < 0 || t < 0) return;
    const x1 = scene.x[s]! + scene.w[s]!;
    const y1 = scene.y[s]! + scene.h[s]! / 2;
    const x2 = scene.x[t]!;
    const y2 = scene.y[t]! + scene.h[t]! / 2;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    const colour = edge.change === "added" ? p.edgeAdded : edge.change === "removed" ? p.edgeRemoved : p.edge;
    const dash = edge.change === "removed" ? ` stroke-dasharray="6 4"` : "";
    const dim = edgeLit && !edgeLit.has(edge.id) ? ` opacity="0.2"` : "";
    out.push(`<path d="M${r(x1)} ${r(y1)}C${r(x1 + dx)} ${r(y1)} ${r(x2 - dx)} ${r(y2)} ${r(x2)} ${r(y2)}" stroke="${colour}"${dash}${dim}/>`);
    if (edge.label) {
      out.push(
        `<text x="${r((x1 + x2) / 2)}" y="${r((y1 + y2) / 2 - 4)}" font-size="10" fill="${p.edgeLabel}" stroke="none" text-anchor="middle">${escapeXml(truncateChars(edge.label, 24))}</text>`,
      );
    }
  });
  out.push(`</g>`);
  scene.graph.nodes.forEach((node, i) => {
    const x = scene.x[i]!;
    const y = scene.y[i]!;
    const w = scene.w[i]!;
    const h = scene.h[i]!;
    const accent = node.kind === "dataset" ? p.datasetAccent : p.jobAccent;
    const dim = nodeLit && !nodeLit.has(node.id) ? ` opacity="0.3"` : "";
    const border = node.id === options.selectedId ? p.selected : node.id === options.focusId ? p.focus : p.nodeBorder;
    const strokeWidth = node.id === options.selectedId || node.id === options.focusId ? 2.5 : 1;
    out.push(`<g${dim}>`);
    out.push(`<title>${escapeXml(`${node.kind} ${node.namespace} / ${node.name}`)}</title>`);
    out.push(
      `<rect x="${r(x)}" y="${r(y)}" width="${w}" height="${h}" rx="${node.kind === "dataset" ? 8 : 3}" fill="${p.nodeFill}" stroke="${border}" stroke-width="${strokeWidth}"/>`,
    );
    out.push(`<rect x="${r(x)}" y="${r(y)}" width="5" height="${h}" fill="${accent}"/>`);
    out.push(
      `<text x="${r(x + 14)}" y="${r(y + 16)}" font-size="10" fill="${p.muted}">${escapeXml(`${node.kind === "dataset" ? "▦" : "▶"} ${truncateChars(node.namespace, 34)}`)}</text>`,
    );
    out.push(`<text x="${r(x + 14)}" y="${r(y + 34)}" font-size="13" font-weight="600" fill="${p.text}">${escapeXml(truncateChars(node.name, NAME_CHARS))}</text>`);
    const facts: string[] = [];
    if (node.owners?.length) facts.push(node.owners.length > 1 ? `${node.owners[0]} +${node.owners.length - 1}` : node.owners[0]!);
    if (node.lastRun?.state) {
      out.push(
        `<circle cx="${r(x + w - 14)}" cy="${r(y + 14)}" r="5" fill="${runStateColour(node.lastRun.state, options.dark)}"><title>${escapeXml(`last run ${node.lastRun.state}`)}</title></circle>`,
      );
    }
    if (node.stale) {
      out.push(`<rect x="${r(x + w - 64)}" y="${r(y + 6)}" width="38" height="16" rx="8" fill="${p.staleFill}"/>`);
      out.push(`<text x="${r(x + w - 45)}" y="${r(y + 18)}" font-size="10" text-anchor="middle" fill="${p.staleText}">stale</text>`);
    }
    if (facts.length) out.push(`<text x="${r(x + 14)}" y="${r(y + 50)}" font-size="10" fill="${p.muted}">${escapeXml(truncateChars(facts.join(" · "), 38))}</text>`);
    detailLines(node.details).forEach((line, k) => {
      out.push(`<text x="${r(x + 14)}" y="${r(y + 66 + k * 16)}" font-size="11" fill="${p.text}">${escapeXml(truncateChars(line, 36))}</text>`);
    });
    for (const side of ["upstream", "downstream"] as const) {
      const expanded = isExpanded(i, side);
      const centre = badgeCentre(scene, i, side, expanded);
      if (!centre) continue;
      const label = expanded ? "−" : `+${compactCount(hiddenCount(node, side))}`;
      out.push(`<circle cx="${r(centre.cx)}" cy="${r(centre.cy)}" r="${BADGE_RADIUS}" fill="${p.badgeFill}" stroke="${p.nodeBorder}"/>`);
      out.push(`<text x="${r(centre.cx)}" y="${r(centre.cy + 3.5)}" font-size="9" font-weight="600" text-anchor="middle" fill="${p.badgeText}">${label}</text>`);
    }
    out.push(`</g>`);
  });
  out.push(`</svg>`);
  return out.join("\n");
}

/** The detail lines drawn under a name, the overflow summed up. */
export function detailLines(details: string[] | undefined): string[] {
  if (!details || details.length === 0) return [];
  if (details.length <= MAX_DETAIL_LINES + 1) return details;
  return [...details.slice(0, MAX_DETAIL_LINES), `+${details.length - MAX_DETAIL_LINES} more`];
}

/** 5 → "5", 1234 → "1.2k", 25000 → "25k". */
export function compactCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 10_000) return `${(count / 1000).toFixed(1).replace(/\.0$/, "")}k`;
  return `${Math.round(count / 1000)}k`;
}

const r = (value: number) => Math.round(value * 10) / 10;
