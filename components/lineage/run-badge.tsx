// A run's state as a badge (OpenLineage states: START, RUNNING, COMPLETE, FAIL, ABORT…).
import { Badge } from "@/components/ui/badge";

const TONE = { COMPLETE: "emerald", FAIL: "red", ABORT: "amber", START: "sky", RUNNING: "sky" } as const;
const LABEL: Record<string, string> = { START: "running", RUNNING: "running", COMPLETE: "succeeded", FAIL: "failed", ABORT: "aborted" };

export function RunBadge({ state }: { state: string }) {
  return (
    <Badge dot tone={TONE[state as keyof typeof TONE] ?? "slate"}>
      {LABEL[state] ?? state.toLowerCase()}
    </Badge>
  );
}
