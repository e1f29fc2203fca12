import { Badge } from "@/components/ui/badge";

const TONES = { succeeded: "emerald", failed: "red", cancelled: "amber", running: "sky" } as const;

export function RunStatusBadge({ status }: { status: keyof typeof TONES }) {
  return (
    <Badge tone={TONES[status]}>
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {status}
    </Badge>
  );
}
