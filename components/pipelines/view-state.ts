// What the pipelines pages keep in their URL, read into procedure inputs. The page (server) and
// its client component read the same parameters through these functions, so the prefetched
// query and the browser's query have the same key (no second request on load).
import { STATE_FILTERS, WINDOWS, type StateFilter, type Window } from "@/lib/pipelines/run-states";
import type { PipelinesListInput } from "@/server/pipelines/schemas";

type Params = { get(key: string): string | null };
type PipelineSort = PipelinesListInput["sort"];
/** The server's sorts (server/pipelines/schemas.ts); a type import keeps its zod out of the bundle. */
const PIPELINE_SORTS = ["name", "recent", "success", "duration"] as const satisfies readonly PipelineSort[];

const windowOf = (v: string | null): Window => (v && v in WINDOWS ? (v as Window) : "7d");
const stateOf = (v: string | null): StateFilter | undefined => ((STATE_FILTERS as readonly string[]).includes(v ?? "") ? (v as StateFilter) : undefined);
const textOf = (v: string | null, max: number): string | undefined => (v && v.trim() ? v.trim().slice(0, max) : undefined);

/** A sort the URL names, else by name (the default, left out of the URL). */
function sortOf(v: string | null): PipelineSort {
  return (PIPELINE_SORTS as readonly string[]).includes(v ?? "") ? (v as PipelineSort) : "name";
}

export function pipelinesViewFrom(params: Params) {
  return {
    window: windowOf(params.get("window")),
    state: stateOf(params.get("state")),
    namespace: textOf(params.get("namespace"), 500),
    owner: textOf(params.get("owner"), 320),
    q: textOf(params.get("q"), 200),
    sort: sortOf(params.get("sort")),
    cursor: textOf(params.get("cursor"), 200),
  };
}

/** The duration filters are in minutes in the URL and the form (seconds for the procedure). */
function minutes(v: string | null): number | undefined {
  if (!v) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 527_040) * 60 : undefined;
}

function date(v: string | null): string | undefined {
  return v && !Number.isNaN(Date.parse(v)) ? v : undefined;
}

export function runsViewFrom(params: Params) {
  const state = stateOf(params.get("state"));
  return {
    states: state ? [state] : undefined,
    namespace: textOf(params.get("namespace"), 500),
    q: textOf(params.get("q"), 200),
    from: date(params.get("from")),
    to: date(params.get("to")),
    minSeconds: minutes(params.get("minMinutes")),
    maxSeconds: minutes(params.get("maxMinutes")),
    topLevel: params.get("topLevel") === "1",
  };
}

/** Drops undefined keys, so the same view has one query key on the server and in the browser. */
export function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Search params of a page's props (server) as the `get` the readers above take. */
export function paramsOf(record: Record<string, string | string[] | undefined>): Params {
  return { get: (key) => (typeof record[key] === "string" ? (record[key] as string) : null) };
}

/** The pipelines page's timeline: the last 24 hours up to the next whole minute (a stable key for a minute). */
export function timelineWindow(now: number = Date.now()): { from: string; to: string } {
  const to = Math.ceil(now / 60_000) * 60_000;
  return { from: new Date(to - 24 * 3_600_000).toISOString(), to: new Date(to).toISOString() };
}
