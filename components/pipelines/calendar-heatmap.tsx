// Runs per UTC day over the last year, as a calendar (weeks across, weekdays down); a day with a
// failure is red, darker with more runs. SVG scaled to its box, so it fits a phone's width.
import type { RouterOutputs } from "@/server/api/root";

type Day = RouterOutputs["pipelines"]["job"]["heatmap"][number];

const CELL = 11;
const GAP = 2;

export function CalendarHeatmap({ days, today }: { days: Day[]; today: Date }) {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const weeks = 53;
  // Start on the Monday 52 weeks before this week's Monday.
  const weekday = (new Date(end).getUTCDay() + 6) % 7;
  const start = end - (weekday + (weeks - 1) * 7) * 86_400_000;
  const max = Math.max(1, ...days.map((d) => d.runs));
  const cells: { x: number; y: number; day: string; d: Day | undefined }[] = [];
  for (let t = start, i = 0; t <= end; t += 86_400_000, i++) {
    const day = new Date(t).toISOString().slice(0, 10);
    cells.push({ x: Math.floor(i / 7), y: i % 7, day, d: byDay.get(day) });
  }
  const total = days.reduce((s, d) => s + d.runs, 0);
  const failedDays = days.filter((d) => d.failed > 0).length;
  return (
    <figure>
      <svg
        role="img"
        aria-label={`${total} runs over the last year on ${days.length} days, ${failedDays} days with a failure`}
        viewBox={`0 0 ${weeks * (CELL + GAP)} ${7 * (CELL + GAP)}`}
        className="h-auto w-full max-w-3xl"
      >
        {cells.map((c) => {
          const runs = c.d?.runs ?? 0;
          const level = runs === 0 ? 0 : 0.3 + 0.7 * (runs / max);
          const fill = runs === 0 ? undefined : c.d && c.d.failed > 0 ? `rgba(239,68,68,${level})` : `rgba(16,185,129,${level})`;
          return (
            <rect
              key={c.day}
              x={c.x * (CELL + GAP)}
              y={c.y * (CELL + GAP)}
              width={CELL}
              height={CELL}
              rx={2}
              fill={fill}
              className={runs === 0 ? "fill-slate-100 dark:fill-slate-800" : undefined}
            >
              <title>{`${c.day}: ${runs} runs${c.d?.failed ? `, ${c.d.failed} failed` : ""}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {total} {total === 1 ? "run" : "runs"} in the last year (UTC days); green: all succeeded, red: a run failed that day.
      </figcaption>
    </figure>
  );
}
