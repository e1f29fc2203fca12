// Small labels shared by the search hits and the dataset page.
import { ShieldAlert, Table2, Eye, Clock, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";

export function KindBadge({ kind }: { kind: string }) {
  return kind === "VIEW" ? (
    <Badge tone="violet">
      <Eye aria-hidden className="size-3" />
      View
    </Badge>
  ) : (
    <Badge tone="slate">
      <Table2 aria-hidden className="size-3" />
      Table
    </Badge>
  );
}

/** A classification tag (PII, GDPR, …) stands out; plain tags are quiet. */
export function TagBadge({ name, classification, title }: { name: string; classification: boolean; title?: string }) {
  return classification ? (
    <span title={title}>
      <Badge tone="amber">
        <ShieldAlert aria-hidden className="size-3" />
        {name}
      </Badge>
    </span>
  ) : (
    <span title={title}>
      <Badge tone="slate">#{name}</Badge>
    </span>
  );
}

export function StaleBadge() {
  return (
    <Badge tone="red">
      <Clock aria-hidden className="size-3" />
      Stale
    </Badge>
  );
}

export function RemovedBadge() {
  return (
    <Badge tone="red">
      <Trash2 aria-hidden className="size-3" />
      Removed from the engine
    </Badge>
  );
}
