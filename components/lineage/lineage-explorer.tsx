"use client";
// The lineage view: where a dataset or job comes from and what depends on it. The view's state
// (focus, depths, filters, as-of, selection, column, path, collapsed tasks, expansions) is one
// LineageViewState, kept in the URL by the /lineage page so a link shares the view, and in the
// component's own state where the view is embedded (a dataset's Lineage tab, a job or run page:
// `embedded`, a compact layout whose shortcuts act only inside it, with "Open full view").
import Link from "next/link";
import { useEffect, useMemo, useRef } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ExternalLink, Keyboard, SearchX, Share2 } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { errorCode, errorMessage } from "@/components/lib/trpc-errors";
import { focusRing } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import { collapseTasks } from "@/lib/lineage/collapse-tasks";
import { findPath } from "@/lib/lineage/graph-paths";
import type { LineageSide, LineageViewGraph } from "@/lib/lineage/graph-view";
import { GraphPanel } from "./graph-panel";
import { ImpactPanel } from "./impact-panel";
import { ColumnsPanel, useColumns } from "./columns-panel";
import { NodePanel } from "./node-panel";
import { AsOfPicker } from "./as-of-picker";
import { FilterSelect, filterLabelClass as label, filterSelectClass as select } from "./filter-select";
import { focusedOn, viewHref, type LineageViewState } from "./view-state";

type Props = { state: LineageViewState; onChange(next: LineageViewState): void; embedded?: boolean };

const DEPTHS = [0, 1, 2, 3, 4, 5, 6, 8, 10];
const KINDS = [
  { value: "datasets", label: "datasets only" },
  { value: "jobs", label: "jobs only" },
] as const;

export function LineageExplorer({ state, onChange, embedded = false }: Props) {
  const trpc = useTRPC();
  const focus = state.focus!;
  const set = (patch: Partial<LineageViewState>) => onChange({ ...state, ...patch });
  const view = useQuery({
    ...trpc.lineage.view.queryOptions({
      focus,
      up: state.up,
      down: state.down,
      kinds: state.kinds,
      ...(state.namespace ? { namespace: state.namespace } : {}),
      ...(state.owner ? { owner: state.owner } : {}),
      ...(state.asOf ? { asOf: new Date(state.asOf) } : {}),
      expand: state.expand,
      collapse: state.collapse,
    }),
    placeholderData: keepPreviousData,
  });
  const focusIsDataset = focus.startsWith("dataset:");
  const focusDetails = useQuery({ ...trpc.lineage.node.queryOptions({ id: focus }), enabled: focusIsDataset });
  const columns = useColumns(focusIsDataset ? focus : null, state.column, state.asOf);

  const shown: LineageViewGraph | null = useMemo(() => {
    if (state.column && columns.data) return columns.data.graph;
    if (!view.data) return null;
    return state.tasks ? collapseTasks(view.data.graph) : view.data.graph;
  }, [state.column, state.tasks, columns.data, view.data]);
  const path = shown && state.pathFrom && state.pathTo ? findPath(shown, state.pathFrom, state.pathTo) : null;

  // Keyboard: / finds, Esc clears the selection and path, i opens the impact list, t collapses tasks.
  // Embedded in another page, the keys act only while focus is inside the view (the page has its own).
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (embedded && !(target && root.current?.contains(target))) return;
      if (e.key === "/" && !embedded) {
        e.preventDefault();
        document.getElementById("lineage-search")?.focus();
      } else if (e.key === "Escape") onChange({ ...state, selected: null, pathFrom: null, pathTo: null });
      else if (e.key === "i") onChange({ ...state, panel: state.panel === "impact" ? "details" : "impact" });
      else if (e.key === "t") onChange({ ...state, tasks: !state.tasks });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [state, onChange, embedded]);

  if (view.isError && errorCode(view.error) === "NOT_FOUND") return <FocusMissing focus={focus} message={errorMessage(view.error)} embedded={embedded} />;
  if (view.isError) return <QueryError error={view.error} onRetry={() => void view.refetch()} compact={embedded} />;
  if (!view.data || !shown) return <SkeletonRows label="Loading the lineage" rows={5} height="h-16" />;
  const v = view.data;
  const selectedId = state.selected && shown.nodes.some((n) => n.id === state.selected) ? state.selected : v.focusId;
  const selectedNode = shown.nodes.find((n) => n.id === selectedId) ?? v.graph.nodes.find((n) => n.id === v.focusId)!;
  const focusNode = v.graph.nodes.find((n) => n.id === v.focusId)!;
  const toggleSide = (list: "expand" | "collapse", id: string, side: LineageSide, on: boolean) =>
    set({ [list]: on ? [...state[list].filter((x) => !(x.id === id && x.side === side)), { id, side }] : state[list].filter((x) => !(x.id === id && x.side === side)) });

  return (
    <div ref={root} className="min-w-0 space-y-4">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2" role="group" aria-label="What the view shows">
        <label className={label}>
          Upstream
          <select aria-label="Upstream steps" value={state.up} onChange={(e) => set({ up: Number(e.target.value) })} className={select}>
            {DEPTHS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          Downstream
          <select aria-label="Downstream steps" value={state.down} onChange={(e) => set({ down: Number(e.target.value) })} className={select}>
            {DEPTHS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <FilterSelect
          label="Show"
          anyLabel="datasets and jobs"
          options={KINDS}
          value={state.kinds === "all" ? null : state.kinds}
          onChange={(kinds) => set({ kinds: kinds === "datasets" || kinds === "jobs" ? kinds : "all" })}
        />
        {(v.namespaces.length > 1 || state.namespace) && (
          <FilterSelect
            label="Namespace"
            anyLabel="all"
            options={withCurrent(v.namespaces, state.namespace)}
            value={state.namespace}
            onChange={(namespace) => set({ namespace })}
          />
        )}
        {(v.owners.length > 0 || state.owner) && (
          <FilterSelect label="Owner" anyLabel="anyone" options={withCurrent(v.owners, state.owner)} value={state.owner} onChange={(owner) => set({ owner })} />
        )}
        <label className={label}>
          <input type="checkbox" checked={state.tasks} onChange={(e) => set({ tasks: e.target.checked })} className="size-4 rounded border-slate-300" />
          Collapse tasks into their pipeline
        </label>
        <AsOfPicker value={state.asOf} onChange={(asOf) => set({ asOf })} />
      </div>

      <Notes
        state={state}
        view={v}
        shown={shown}
        path={path}
        pathEnds={[state.pathFrom, state.pathTo]}
        onClearPath={() => set({ pathFrom: null, pathTo: null })}
        embedded={embedded}
      />

      <div className={cx("grid gap-4", embedded ? "xl:grid-cols-[minmax(0,1fr)_20rem]" : "lg:grid-cols-[minmax(0,1fr)_22rem]")}>
        <div className="min-w-0">
          {state.column && (
            <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">
              Column view of <strong className="break-all">{state.column}</strong>: the datasets holding related columns; edges name the transformations.{" "}
              <button type="button" onClick={() => set({ column: null })} className={cx("text-sky-700 underline dark:text-sky-400", focusRing)}>
                Back to datasets and jobs
              </button>
            </p>
          )}
          {shown.nodes.length <= 1 && !state.column ? (
            <div className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
              Nothing connected within {state.up} upstream and {state.down} downstream steps{state.asOf ? " at that time" : ""}.{" "}
              {state.namespace || state.owner || state.kinds !== "all"
                ? "The filters hide what is connected (see above); clear them to see it."
                : state.up === 0 && state.down === 0
                  ? "Choose at least one step upstream or downstream."
                  : `${focusNode.name} is neither read nor written by a job that lineage knows of.`}
            </div>
          ) : null}
          <GraphPanel
            compact={embedded}
            graph={shown}
            focusId={v.focusId}
            selectedId={selectedId}
            highlight={path}
            layout={state.layout}
            onLayout={(layout) => set({ layout })}
            onSelect={(id) => set({ selected: id })}
            onOpen={(id) => {
              if (!state.column && (id.startsWith("dataset:") || id.startsWith("job:"))) onChange(focusedOn(state, id));
            }}
            onExpand={state.column ? undefined : (id, side) => toggleSide("expand", id, side, true)}
            onCollapse={state.column ? undefined : (id, side) => toggleSide("expand", id, side, false)}
            expanded={state.expand}
          />
        </div>
        <aside aria-label="Side panel" className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-3 lg:self-start dark:border-slate-800 dark:bg-slate-900">
          <div role="tablist" aria-label="Panel" className="flex gap-1 border-b border-slate-200 pb-2 dark:border-slate-800">
            {([["details", "Details"], ["impact", "Impact"], ...(focusIsDataset ? [["columns", "Columns"]] : [])] as [LineageViewState["panel"], string][]).map(([key, text]) => (
              <button
                key={key}
                role="tab"
                type="button"
                aria-selected={state.panel === key}
                onClick={() => set({ panel: key })}
                className={cx(
                  "rounded-md px-2.5 py-1 text-sm",
                  state.panel === key
                    ? "bg-slate-900 text-white dark:bg-white dark:text-slate-900"
                    : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
                  focusRing,
                )}
              >
                {text}
              </button>
            ))}
          </div>
          {state.panel === "impact" ? (
            <ImpactPanel nodeId={selectedNode.kind === "dataset" || selectedNode.kind === "job" ? selectedNode.id : v.focusId} name={selectedNode.name} />
          ) : state.panel === "columns" && focusIsDataset ? (
            <ColumnsPanel dataset={focus} fields={focusDetails.data?.fields.map((f) => f.name) ?? []} field={state.column} asOf={state.asOf} onPick={(column) => set({ column })} />
          ) : (
            <NodePanel
              node={selectedNode}
              isFocus={selectedNode.id === v.focusId}
              onFocus={(id) => onChange(focusedOn(state, id))}
              pathFrom={state.pathFrom}
              onPathEnd={(end, id) => set(end === "from" ? { pathFrom: id, pathTo: null } : { pathTo: id })}
            />
          )}
        </aside>
      </div>
      <details className={cx("text-sm text-slate-600 dark:text-slate-400", embedded && "hidden sm:block")}>
        <summary className={cx("inline-flex cursor-pointer items-center gap-1.5 rounded", focusRing)}>
          <Keyboard aria-hidden className="size-4" /> Keyboard shortcuts
        </summary>
        <ul className="mt-1 ml-6 list-disc space-y-0.5">
          {!embedded && (
            <li>
              <kbd>/</kbd> find a dataset or job to start from
            </li>
          )}
          <li>
            <kbd>i</kbd> show or hide what depends on the selected node (impact)
          </li>
          <li>
            <kbd>t</kbd> collapse or expand a pipeline&apos;s tasks
          </li>
          <li>
            <kbd>Esc</kbd> clear the selection and the path
          </li>
        </ul>
      </details>
    </div>
  );
}

function Notes({
  state,
  view,
  shown,
  path,
  pathEnds,
  onClearPath,
  embedded,
}: {
  state: LineageViewState;
  view: { leftOut: string[]; changes: { added: number; removed: number } | null; asOf: string | null };
  shown: LineageViewGraph;
  path: ReturnType<typeof findPath>;
  pathEnds: [string | null, string | null];
  onClearPath(): void;
  embedded: boolean;
}) {
  const datasets = shown.nodes.filter((n) => n.kind === "dataset").length;
  const jobs = shown.nodes.length - datasets;
  const name = (id: string | null) => shown.nodes.find((n) => n.id === id)?.name ?? id;
  return (
    <div aria-live="polite" className="space-y-1 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800/50 dark:text-slate-300">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span>
          Showing {datasets} {datasets === 1 ? "dataset" : "datasets"}
          {jobs > 0 ? ` and ${jobs} ${jobs === 1 ? "job" : "jobs"}` : ""}, {shown.edges.length} {shown.edges.length === 1 ? "edge" : "edges"}.
        </span>
        {embedded ? (
          <Link href={viewHref(state)} className={cx("inline-flex items-center gap-1 font-medium text-sky-700 hover:underline dark:text-sky-400", focusRing)}>
            <ExternalLink aria-hidden className="size-3.5" /> Open full view
          </Link>
        ) : (
          <span className="inline-flex items-center gap-1 text-slate-500 dark:text-slate-400">
            <Share2 aria-hidden className="size-3.5" /> The address bar holds this view: copy it to share.
          </span>
        )}
      </p>
      {view.changes && view.asOf && (
        <p>
          As of <LocalTime value={view.asOf} format="precise" /> ({zoneName()}), compared with now:{" "}
          <strong className="text-emerald-700 dark:text-emerald-300">{view.changes.added} added</strong> since,{" "}
          <strong className="text-red-700 dark:text-red-300">{view.changes.removed} removed</strong> since
          {view.changes.added + view.changes.removed === 0 ? " — nothing changed in what is shown." : " (marked on the edges)."}
        </p>
      )}
      {view.leftOut.map((l) => (
        <p key={l} className="text-amber-800 dark:text-amber-300">
          {l}
        </p>
      ))}
      {pathEnds[0] && (
        <p>
          {!pathEnds[1] ? (
            <>Path from {name(pathEnds[0])}: select another node and choose “Path to here”. </>
          ) : path ? (
            <>
              Path: {path.nodeIds.map(name).join(" → ")} ({path.edgeIds.length} {path.edgeIds.length === 1 ? "step" : "steps"}
              {path.reversed ? ", data flows the other way" : ""}).{" "}
            </>
          ) : (
            <>
              No path between {name(pathEnds[0])} and {name(pathEnds[1])} in this view (try more steps).{" "}
            </>
          )}
          <button type="button" onClick={onClearPath} className={cx("text-sky-700 underline dark:text-sky-400", focusRing)}>
            Clear path
          </button>
        </p>
      )}
    </div>
  );
}

/** The reader's time zone, named beside the as-of time so "10:00" is not read as another zone's. */
const zoneName = () => (typeof Intl === "undefined" ? "local time" : Intl.DateTimeFormat().resolvedOptions().timeZone || "local time");

/** A filter's options, with the chosen one kept even when the walk no longer meets it (so it can be seen and cleared). */
const withCurrent = (options: string[], current: string | null) => (current && !options.includes(current) ? [current, ...options] : options);

/** The focus names no node: a link to a dataset or job removed (or renamed) since, or mistyped. */
function FocusMissing({ focus, message, embedded }: { focus: string; message: string; embedded: boolean }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-400/40 dark:bg-amber-400/10 dark:text-amber-100">
      <p className="flex items-center gap-2 font-medium">
        <SearchX aria-hidden className="size-4 shrink-0" /> Lineage does not know this {focus.startsWith("job:") ? "job" : "dataset"}
      </p>
      <p className="mt-1 break-all">{message}</p>
      <p className="mt-1">
        It may have been deleted or renamed since this link was made, or no OpenLineage event has named it yet.{" "}
        {embedded ? null : (
          <Link href="/lineage" className={cx("font-medium text-sky-700 underline dark:text-sky-300", focusRing)}>
            Search for a dataset or job
          </Link>
        )}
      </p>
    </div>
  );
}
