// Why a search hit matched, in a few words: "Name", "Columns: delay_minutes", "Tag: pii", …
import type { RouterOutputs } from "@/server/api/root";
import { Badge } from "@/components/ui/badge";

type SearchHitOutput = RouterOutputs["catalog"]["search"]["hits"][number];

export function matchReasons(hit: SearchHitOutput): string[] {
  const labels: string[] = [];
  for (const reason of hit.reasons) {
    if (reason === "name")
      labels.push(hit.nameMatch === "exact" ? "Exact name" : hit.nameMatch === "prefix" ? "Name starts with it" : hit.nameMatch === "corrected" ? "Name (typo corrected)" : "Name");
    else if (reason === "column") labels.push(`Column${hit.matchedColumns.length > 1 ? "s" : ""}: ${hit.matchedColumns.join(", ")}`);
    else if (reason === "tag") labels.push(`Tag: ${hit.matchedTags.filter((t) => hit.tags.includes(t)).join(", ")}`);
    else if (reason === "owner") labels.push(`Owner: ${hit.matchedTags.filter((t) => hit.owners.includes(t)).join(", ")}`);
    else if (reason === "term") labels.push(`Glossary: ${hit.matchedTags.filter((t) => !hit.tags.includes(t) && !hit.owners.includes(t)).join(", ")}`);
    else if (reason === "description") labels.push("Description");
    else if (reason === "schema") labels.push("Schema");
  }
  return labels;
}

export function MatchReasons({ hit, className }: { hit: SearchHitOutput; className?: string }) {
  const labels = matchReasons(hit);
  if (labels.length === 0) return null;
  return (
    <span className={className}>
      <span className="sr-only">Matched: </span>
      {labels.map((label) => (
        <Badge key={label} tone="sky" className="mr-1 mb-1 max-w-full truncate">
          {label}
        </Badge>
      ))}
    </span>
  );
}
