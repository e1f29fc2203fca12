// One search hit: name, where it lives, why it matched, and the words that matched.
import Link from "next/link";
import { Activity, Columns3 } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import type { RouterOutputs } from "@/server/api/root";
import { datasetPath } from "../paths";
import { formatCount, plural } from "../format";
import { KindBadge, TagBadge } from "../dataset/badges";
import { MatchReasons } from "./reasons";

type SearchHitOutput = RouterOutputs["catalog"]["search"]["hits"][number];

export function HitCard({ hit }: { hit: SearchHitOutput }) {
  return (
    <li className="rounded-xl border border-slate-200 bg-white shadow-sm transition-colors hover:border-slate-300 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-700">
      <div className="p-4">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <Link href={datasetPath(hit)} className={cx("min-w-0 rounded text-base font-semibold break-all text-sky-700 hover:underline dark:text-sky-400", focusRing)}>
            {hit.name}
          </Link>
          <KindBadge kind={hit.kind} />
          {hit.tags.map((tag) => (
            <TagBadge key={tag} name={tag} classification={hit.classifiedTags.includes(tag)} />
          ))}
        </div>
        <p className="mt-0.5 font-mono text-xs break-all text-slate-500 dark:text-slate-400">
          {hit.engineId} · {hit.catalog}.{hit.schema}.{hit.name}
        </p>
        {hit.snippet ? (
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
            {hit.snippet.map((part, i) =>
              part.hit ? (
                <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-slate-900 dark:bg-amber-400/25 dark:text-amber-100">
                  {part.text}
                </mark>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
          </p>
        ) : hit.summary ? (
          <p className="mt-2 line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{hit.summary}</p>
        ) : null}
        <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
          <MatchReasons hit={hit} className="min-w-0" />
          <span className="flex shrink-0 items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
            <span className="flex items-center gap-1">
              <Columns3 aria-hidden className="size-3.5" />
              {plural(hit.columnCount, "column")}
            </span>
            {hit.usageCount > 0 && (
              <span className="flex items-center gap-1" title="Successful SQL workbench queries that read it">
                <Activity aria-hidden className="size-3.5" />
                {formatCount(hit.usageCount)} {hit.usageCount === 1 ? "query" : "queries"}
              </span>
            )}
          </span>
        </div>
      </div>
    </li>
  );
}
