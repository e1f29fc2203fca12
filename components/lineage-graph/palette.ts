// Colours of the canvas drawing and the SVG export, light and dark (Tailwind's slate, sky,
// violet, emerald, red, blue, amber), so the graph matches the rest of the portal.
export type Palette = {
  background: string;
  grid: string;
  edge: string;
  edgeAdded: string;
  edgeRemoved: string;
  edgeLabel: string;
  nodeFill: string;
  nodeBorder: string;
  datasetAccent: string;
  jobAccent: string;
  text: string;
  muted: string;
  focus: string;
  selected: string;
  badgeFill: string;
  badgeText: string;
  staleFill: string;
  staleText: string;
};

export const LIGHT: Palette = {
  background: "#f8fafc",
  grid: "#e2e8f0",
  edge: "#94a3b8",
  edgeAdded: "#16a34a",
  edgeRemoved: "#dc2626",
  edgeLabel: "#475569",
  nodeFill: "#ffffff",
  nodeBorder: "#cbd5e1",
  datasetAccent: "#0284c7",
  jobAccent: "#7c3aed",
  text: "#0f172a",
  muted: "#64748b",
  focus: "#f59e0b",
  selected: "#0369a1",
  badgeFill: "#e2e8f0",
  badgeText: "#0f172a",
  staleFill: "#fef3c7",
  staleText: "#92400e",
};

export const DARK: Palette = {
  background: "#020617",
  grid: "#1e293b",
  edge: "#64748b",
  edgeAdded: "#4ade80",
  edgeRemoved: "#f87171",
  edgeLabel: "#cbd5e1",
  nodeFill: "#0f172a",
  nodeBorder: "#334155",
  datasetAccent: "#38bdf8",
  jobAccent: "#a78bfa",
  text: "#f1f5f9",
  muted: "#94a3b8",
  focus: "#fbbf24",
  selected: "#7dd3fc",
  badgeFill: "#334155",
  badgeText: "#f1f5f9",
  staleFill: "#451a03",
  staleText: "#fcd34d",
};

/** A run state's colour; unknown states are amber. */
export function runStateColour(state: string, dark: boolean): string {
  switch (state.toUpperCase()) {
    case "COMPLETE":
      return dark ? "#4ade80" : "#16a34a";
    case "FAIL":
      return dark ? "#f87171" : "#dc2626";
    case "RUNNING":
    case "START":
      return dark ? "#60a5fa" : "#2563eb";
    case "ABORT":
      return dark ? "#9ca3af" : "#6b7280";
    default:
      return dark ? "#fbbf24" : "#d97706";
  }
}

export const RUN_STATES = ["COMPLETE", "FAIL", "RUNNING", "ABORT"] as const;
