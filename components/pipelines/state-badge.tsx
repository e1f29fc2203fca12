// A run's state as a coloured badge with its word (colour is never the only signal).
import { Badge } from "@/components/ui/badge";

const LABELS: Record<string, { label: string; tone: "emerald" | "red" | "amber" | "sky" | "slate" }> = {
  COMPLETE: { label: "Succeeded", tone: "emerald" },
  FAIL: { label: "Failed", tone: "red" },
  ABORT: { label: "Aborted", tone: "amber" },
  START: { label: "Running", tone: "sky" },
  RUNNING: { label: "Running", tone: "sky" },
  NEW: { label: "Reported", tone: "slate" },
};

export function stateLabel(state: string): string {
  return LABELS[state]?.label ?? state;
}

/** Fill colours of the charts, per state (the same in both themes; text beside them names the state). */
export const STATE_COLOURS: Record<string, string> = { COMPLETE: "#10b981", FAIL: "#ef4444", ABORT: "#f59e0b", START: "#0ea5e9", RUNNING: "#0ea5e9", NEW: "#94a3b8" };

export function RunStateBadge({ state }: { state: string | null | undefined }) {
  if (!state)
    return (
      <Badge tone="slate" className="opacity-80">
        Never ran
      </Badge>
    );
  const { label, tone } = LABELS[state] ?? { label: state, tone: "slate" as const };
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}
