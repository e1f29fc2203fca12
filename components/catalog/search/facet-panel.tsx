"use client";
// Facets with counts: choosing a value filters the hits; choosing it again clears it. Counts
// estimated from a sample (many matches) read "~12,400" and say so below the facets.
import { Check } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { SearchFilters } from "@/server/catalog/search";
import type { RouterOutputs } from "@/server/api/root";
import { formatCount } from "../format";

type FacetsOutput = RouterOutputs["catalog"]["facets"];

const FACETS: { key: keyof SearchFilters; title: string; label?: (value: string) => string }[] = [
  { key: "catalog", title: "Engine / catalog", label: (v) => v.replace(":", " / ") },
  { key: "schema", title: "Schema" },
  { key: "kind", title: "Type", label: (v) => (v === "VIEW" ? "View" : "Table") },
  { key: "tag", title: "Tag" },
  { key: "owner", title: "Owner" },
];

export function FacetPanel({
  facets,
  filters,
  onChange,
}: {
  facets: FacetsOutput | undefined;
  filters: SearchFilters;
  onChange: (key: keyof SearchFilters, value: string | undefined) => void;
}) {
  return (
    <div className="space-y-5">
      {FACETS.map(({ key, title, label }) => {
        const values = facets?.facets[key];
        if (values && values.length === 0 && !filters[key]) return null;
        return (
          <fieldset key={key}>
            <legend className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{title}</legend>
            {!values ? (
              <div className="space-y-1.5">
                <Skeleton className="h-5 w-32" />
                <Skeleton className="h-5 w-24" />
              </div>
            ) : (
              <ul className="space-y-0.5">
                {values.map((v) => {
                  const chosen = filters[key] === v.value;
                  return (
                    <li key={v.value}>
                      <button
                        type="button"
                        aria-pressed={chosen}
                        onClick={() => onChange(key, chosen ? undefined : v.value)}
                        className={cx(
                          "flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-sm",
                          focusRing,
                          chosen
                            ? "bg-sky-50 font-medium text-sky-800 dark:bg-sky-400/10 dark:text-sky-200"
                            : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
                        )}
                      >
                        <span
                          className={cx(
                            "flex size-4 shrink-0 items-center justify-center rounded border",
                            chosen ? "border-sky-600 bg-sky-600 text-white dark:border-sky-400 dark:bg-sky-400 dark:text-slate-900" : "border-slate-300 dark:border-slate-600",
                          )}
                        >
                          {chosen && <Check aria-hidden className="size-3" />}
                        </span>
                        <span className="min-w-0 flex-1 truncate">{label ? label(v.value) : v.value}</span>
                        <span
                          className="shrink-0 text-xs text-slate-500 tabular-nums dark:text-slate-400"
                          aria-label={facets?.estimated ? `about ${formatCount(v.count)}` : undefined}
                        >
                          {facets?.estimated ? `~${formatCount(v.count)}` : formatCount(v.count)}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </fieldset>
        );
      })}
      {facets?.estimated && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Counts are estimated from a sample of the catalog (too many datasets match to count them all at once); choose a value to narrow the search.
        </p>
      )}
    </div>
  );
}
