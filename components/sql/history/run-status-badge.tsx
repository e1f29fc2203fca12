import { Badge } from "@/components/ui/badge";

const TONES = { succeeded: "emerald", failed: "red", cancelled: "amber", running: "sky" } as const;

export function RunStatusBadge({ status }: { status: keyof typeof TONES }) {
  return (
    <Badge tone={TONES[status]} dot>
      {status}
    </Badge>
  );
}
