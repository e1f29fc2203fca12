// Small labels shared by the search hits and the dataset page.
import { ShieldAlert, Table2, Eye, Clock, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";

export function KindBadge({ kind }: { kind: string }) {
  return kind === "VIEW" ? (
    <Badge tone="violet" icon={Eye}>
      View
    </Badge>
  ) : (
    <Badge tone="slate" icon={Table2}>
      Table
    </Badge>
  );
}

/** A classification tag (PII, GDPR, …) stands out; plain tags are quiet. */
export function TagBadge({ name, classification, title }: { name: string; classification: boolean; title?: string }) {
  return (
    <span title={title}>
      {classification ? (
        <Badge tone="amber" icon={ShieldAlert}>
          {name}
        </Badge>
      ) : (
        <Badge tone="slate">#{name}</Badge>
      )}
    </span>
  );
}

export function StaleBadge() {
  return (
    <Badge tone="red" icon={Clock}>
      Stale
    </Badge>
  );
}

export function RemovedBadge() {
  return (
    <Badge tone="red" icon={Trash2}>
      Removed from the engine
    </Badge>
  );
}
