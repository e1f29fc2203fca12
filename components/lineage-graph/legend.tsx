// What the drawing's shapes and colours mean (the Legend button).
import { DARK, LIGHT, RUN_STATES, runStateColour } from "./palette";

export function Legend({ dark }: { dark: boolean }) {
  const p = dark ? DARK : LIGHT;
  return (
    <section
      aria-label="Legend"
      className="pointer-events-auto max-w-[16rem] rounded-lg border border-slate-200 bg-white/95 p-3 text-xs text-slate-700 shadow-sm dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-200"
    >
      <h3 className="mb-1.5 font-semibold text-slate-900 dark:text-slate-100">Legend</h3>
      <ul className="grid gap-1">
        <li className="flex items-center gap-2">
          <span
            aria-hidden
            className="inline-block h-3 w-5 rounded-sm border-l-4"
            style={{ borderColor: p.datasetAccent, background: p.nodeFill, outline: `1px solid ${p.nodeBorder}` }}
          />
          Dataset
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden className="inline-block h-3 w-5 border-l-4" style={{ borderColor: p.jobAccent, background: p.nodeFill, outline: `1px solid ${p.nodeBorder}` }} />
          Job
        </li>
        {RUN_STATES.map((state) => (
          <li key={state} className="flex items-center gap-2">
            <span aria-hidden className="ml-1 inline-block size-2.5 rounded-full" style={{ background: runStateColour(state, dark) }} />
            <span className="ml-1.5">Last run {state.toLowerCase()}</span>
          </li>
        ))}
        <li className="flex items-center gap-2">
          <span aria-hidden className="rounded-full px-1.5 text-[9px] font-semibold" style={{ background: p.staleFill, color: p.staleText }}>
            stale
          </span>
          Older than expected
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden className="inline-flex size-4 items-center justify-center rounded-full text-[8px] font-bold" style={{ background: p.badgeFill, color: p.badgeText }}>
            +3
          </span>
          Neighbours not shown (click to expand)
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden className="inline-block w-5 border-t-2" style={{ borderColor: p.edgeAdded }} />
          Edge added since the as-of time
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden className="inline-block w-5 border-t-2 border-dashed" style={{ borderColor: p.edgeRemoved }} />
          Edge gone since the as-of time
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden className="inline-block h-3 w-5 rounded-sm border-2" style={{ borderColor: p.focus }} />
          Where this view starts
        </li>
      </ul>
    </section>
  );
}
