// The durations of a job's last runs, oldest to newest, as a small bar chart; a failed run's bar
// is red. Decorative beside the numbers it summarises, so it carries a text alternative.
import { STATE_COLOURS } from "./state-badge";

export function Sparkline({ runs }: { runs: { state: string; durationSeconds: number | null }[] }) {
  const points = [...runs].reverse();
  if (points.length === 0) return <span className="text-xs text-slate-400 dark:text-slate-500">No runs</span>;
  const max = Math.max(1e-3, ...points.map((p) => p.durationSeconds ?? 0));
  const w = 4;
  const gap = 2;
  const h = 24;
  const failed = points.filter((p) => p.state === "FAIL" || p.state === "ABORT").length;
  return (
    <svg
      role="img"
      aria-label={`Durations of the last ${points.length} runs${failed ? `, ${failed} failed` : ""}`}
      width={points.length * (w + gap)}
      height={h}
      className="shrink-0"
    >
      {points.map((p, i) => {
        const bar = p.durationSeconds === null ? 2 : Math.max(2, (p.durationSeconds / max) * h);
        return (
          <rect
            key={i}
            x={i * (w + gap)}
            y={h - bar}
            width={w}
            height={bar}
            rx={1}
            fill={STATE_COLOURS[p.state] ?? STATE_COLOURS.NEW}
            opacity={p.state === "COMPLETE" ? 0.75 : 1}
          />
        );
      })}
    </svg>
  );
}
