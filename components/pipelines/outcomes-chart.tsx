"use client";
// Runs per day by outcome (succeeded, failed, other), stacked bars (recharts), with the same
// figures in a visually hidden table for screen readers.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RouterOutputs } from "@/server/api/root";
import { useDarkMode } from "@/components/sql/editor/use-dark-mode";
import { STATE_COLOURS } from "./state-badge";

type Day = RouterOutputs["pipelines"]["overview"]["days"][number];

export function OutcomesChart({ days }: { days: Day[] }) {
  const dark = useDarkMode();
  const axis = dark ? "#94a3b8" : "#64748b";
  return (
    <div>
      <div className="h-48 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={dark ? "#1e293b" : "#e2e8f0"} vertical={false} />
            <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} tick={{ fill: axis, fontSize: 11 }} minTickGap={12} />
            <YAxis allowDecimals={false} tick={{ fill: axis, fontSize: 11 }} />
            <Tooltip
              cursor={{ fill: dark ? "#1e293b" : "#f1f5f9" }}
              contentStyle={{ background: dark ? "#0f172a" : "#fff", border: `1px solid ${dark ? "#334155" : "#e2e8f0"}`, fontSize: 12 }}
            />
            <Bar dataKey="succeeded" name="Succeeded" stackId="runs" fill={STATE_COLOURS.COMPLETE} isAnimationActive={false} />
            <Bar dataKey="failed" name="Failed or aborted" stackId="runs" fill={STATE_COLOURS.FAIL} isAnimationActive={false} />
            <Bar dataKey="other" name="Running or reported" stackId="runs" fill={STATE_COLOURS.NEW} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {/* The wrapper hides it: a table would not shrink to sr-only's 1px itself and would widen the page. */}
      <div className="sr-only">
        <table>
          <caption>Runs per day (UTC)</caption>
          <thead>
            <tr>
              <th>Day</th>
              <th>Succeeded</th>
              <th>Failed or aborted</th>
              <th>Other</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td>{d.succeeded}</td>
                <td>{d.failed}</td>
                <td>{d.other}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
