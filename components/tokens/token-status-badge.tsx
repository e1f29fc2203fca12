import { Badge } from "@/components/ui/badge";
import type { TokenRow } from "./types";

export function TokenStatusBadge({ status }: { status: TokenRow["status"] }) {
  if (status === "active")
    return (
      <Badge tone="emerald" dot>
        Active
      </Badge>
    );
  if (status === "expired")
    return (
      <Badge tone="amber" dot>
        Expired
      </Badge>
    );
  return (
    <Badge tone="red" dot>
      Revoked
    </Badge>
  );
}
