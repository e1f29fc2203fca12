"use client";
// The catalog's search page: a search box, facets and ranked hits, all in the URL (?q=&schema=…)
// so a search can be shared and the back button works. Without a query it browses: engines,
// their last crawl, and the most used datasets.
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { Search, SearchX, SlidersHorizontal, X } from "lucide-react";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { QueryError } from "@/components/ui/query-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/form";
import { ListStates } from "@/components/ui/list-panel";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import type { SearchFilters } from "@/server/catalog/search";
import { useTRPC } from "@/components/trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { FILTER_KEYS, SEARCH_PAGE_SIZE, searchInputFor, searchPath, searchStateFrom } from "../paths";
import { FacetPanel } from "./facet-panel";
import { totalLabel } from "./total-label";
import { HitCard } from "./hit-card";
import { EnginesOverview } from "../browse/engines-overview";

type SearchOutput = RouterOutputs["catalog"]["search"];

export function CatalogSearch({ canCrawl }: { canCrawl: boolean }) {
  const catalog = useTRPC().catalog;
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const state = searchStateFrom(params);
  const [text, setText] = useState(state.q);
  const [showFilters, setShowFilters] = useState(false);
  const typed = useDebouncedValue(text, 250);

  // Two changes in quick succession (two facets clicked) must both stick: until Next has rendered
  // the URL the first asked for, the second builds on that URL, not on the one still shown.
  const requested = useRef<{ from: string; q: string; filters: SearchFilters } | null>(null);
  const latest = () => (requested.current && requested.current.from === params.toString() ? requested.current : state);
  const go = (q: string, filters: SearchFilters, how: "push" | "replace") => {
    requested.current = { from: params.toString(), q, filters };
    router[how](searchPath(q, filters), { scroll: false });
  };

  // Typing updates the URL (replace: one history entry per search, not per key). Only when the
  // debounced text changes: the effect event reads the URL's current state without depending on it.
  const typedToUrl = useEffectEvent((query: string) => {
    const base = latest();
    if (query !== base.q.trim()) go(query, base.filters, "replace");
  });
  useEffect(() => typedToUrl(typed.trim()), [typed]);
  // Back/forward or a link changed the URL: show its query in the box (adjusted while rendering,
  // React's pattern for state that follows a value, rather than by an effect after render).
  const [shownQuery, setShownQuery] = useState(state.q);
  if (shownQuery !== state.q) {
    setShownQuery(state.q);
    setText((current) => (current.trim() === state.q.trim() ? current : state.q));
  }

  const input = searchInputFor(state);
  const results = useQuery(catalog.search.queryOptions(input, { placeholderData: keepPreviousData }));
  const facets = useQuery(catalog.facets.queryOptions({ q: state.q, filters: state.filters }, { placeholderData: keepPreviousData }));

  const setFilter = (key: keyof SearchFilters, value: string | undefined) => {
    const base = latest();
    go(base.q, { ...base.filters, [key]: value }, "push");
  };
  const chosen = FILTER_KEYS.filter((k) => state.filters[k]);
  const browsing = !state.q.trim() && chosen.length === 0;
  const data = results.data;
  const shownTotal = totalLabel(data, facets.data && !facets.isPlaceholderData ? facets.data : undefined);
  const total = shownTotal.count;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Data catalog</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Find datasets by name, column, tag, owner or description. Typos are forgiven.</p>
      </div>

      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go(text.trim(), latest().filters, "replace");
        }}
        className="relative"
      >
        <label htmlFor="catalog-search" className="sr-only">
          Search datasets
        </label>
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-5 -translate-y-1/2 text-slate-400" />
        <Input
          id="catalog-search"
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search datasets, e.g. flights, delay_minutes, pii"
          className="h-12 pr-10 pl-10 text-base"
          maxLength={1000}
        />
      </form>

      {browsing ? (
        <div className="space-y-8">
          <EnginesOverview canCrawl={canCrawl} />
          <section aria-labelledby="popular-heading">
            <h2 id="popular-heading" className="text-base font-semibold text-slate-900 dark:text-white">
              Most used datasets
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">Ordered by how often they were queried in the SQL workbench.</p>
            <HitList results={results} browsing />
          </section>
        </div>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[15rem_1fr]">
          <aside aria-label="Filters" className="lg:block">
            <div className="flex items-center justify-between lg:hidden">
              <Button size="sm" onClick={() => setShowFilters((v) => !v)} aria-expanded={showFilters}>
                <SlidersHorizontal aria-hidden className="size-4" />
                Filters{chosen.length ? ` (${chosen.length})` : ""}
              </Button>
            </div>
            <div className={showFilters ? "mt-4 lg:mt-0" : "hidden lg:block"}>
              <FacetPanel facets={facets.data} filters={state.filters} onChange={setFilter} />
            </div>
          </aside>
          <section aria-label="Search results" className="min-w-0 space-y-4">
            {chosen.length > 0 && (
              <div className="flex flex-wrap items-center gap-2 text-sm">
                {chosen.map((key) => (
                  <Button key={key} size="sm" variant="secondary" onClick={() => setFilter(key, undefined)} aria-label={`Remove filter ${key}: ${state.filters[key]}`}>
                    <span className="text-slate-500 dark:text-slate-400">{key}:</span> {state.filters[key]}
                    <X aria-hidden className="size-3.5" />
                  </Button>
                ))}
                <Button size="sm" variant="ghost" onClick={() => router.push(searchPath(state.q))}>
                  Clear filters
                </Button>
              </div>
            )}
            {data?.message && <Alert tone="info">{data.message}</Alert>}
            {data && data.corrections.length > 0 && (
              <p className="text-sm text-slate-700 dark:text-slate-300">
                Also searched for{" "}
                {data.corrections.map((c, i) => (
                  <span key={c.word}>
                    {i > 0 && ", "}
                    <strong className="font-semibold">{c.replacements.join(" / ")}</strong> (you typed “{c.word}”)
                  </span>
                ))}
                .
              </p>
            )}
            {data?.partial && <Alert tone="info">No dataset matches every word; these match some of them.</Alert>}
            {data && !data.message && (
              <p className="text-sm text-slate-600 tabular-nums dark:text-slate-400" aria-live="polite">
                {total === 0 ? "No datasets found." : `${shownTotal.text} ${total === 1 ? "dataset" : "datasets"}`}
              </p>
            )}
            <HitList results={results} />
            {data && total > SEARCH_PAGE_SIZE && (
              <Pagination
                page={state.page}
                pageSize={SEARCH_PAGE_SIZE}
                total={Math.min(total, 1_000)}
                label="Search result pages"
                onPageChange={(page) => {
                  router.push(`${pathname}?${new URLSearchParams({ ...Object.fromEntries(params.entries()), page: String(page) })}`);
                  window.scrollTo({ top: 0 });
                }}
              />
            )}
          </section>
        </div>
      )}
    </div>
  );
}

function HitList({ results, browsing = false }: { results: UseQueryResult<SearchOutput, unknown>; browsing?: boolean }) {
  // Any failure replaces the hits, even those still on screen from the search before.
  if (results.isError) return <QueryError error={results.error} onRetry={() => void results.refetch()} compact />;
  return (
    <ListStates
      query={results}
      pending={
        <ul className="mt-3 space-y-3" aria-busy="true">
          {[0, 1, 2].map((i) => (
            <li key={i} className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
              <Skeleton className="h-5 w-48" />
              <Skeleton className="mt-2 h-4 w-72" />
            </li>
          ))}
        </ul>
      }
      isEmpty={(data) => data.hits.length === 0}
      empty={
        // The server's message (shown above) already says why nothing was found.
        results.data?.message ? null : browsing ? (
          <EmptyState icon={SearchX} title="The catalog is empty">
            Crawl an engine (above) to bring its tables and views into the catalog. Engines are also crawled on a schedule.
          </EmptyState>
        ) : (
          <EmptyState icon={SearchX} title="No datasets found">
            Try fewer or other words, remove a filter, or check that the engine was crawled.
          </EmptyState>
        )
      }
    >
      {(data) => (
        <ul className={`mt-3 space-y-3 transition-opacity ${results.isPlaceholderData ? "opacity-60" : ""}`}>
          {data.hits.map((hit) => (
            <HitCard key={hit.id} hit={hit} />
          ))}
        </ul>
      )}
    </ListStates>
  );
}
