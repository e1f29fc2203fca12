// Rows of a data file as a table: sticky header, row numbers, scrolls both ways inside its box
// so wide files never stretch the page. Empty cells show as null, distinct from "".
export function DataTable({ columns, rows, types, label }: { columns: string[]; rows: (string | null)[][]; types?: string[]; label: string }) {
  return (
    <div className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table aria-label={label} className="min-w-full border-separate border-spacing-0 font-mono text-xs">
        <thead className="sticky top-0 z-10 bg-slate-50 dark:bg-slate-900">
          <tr>
            <th scope="col" className="w-px border-b border-slate-200 px-2 py-1.5 text-right font-normal text-slate-400 dark:border-slate-800">
              #
            </th>
            {columns.map((column, i) => (
              <th
                key={`${column}-${i}`}
                scope="col"
                className="border-b border-slate-200 px-3 py-1.5 text-left font-semibold whitespace-nowrap text-slate-800 dark:border-slate-800 dark:text-slate-100"
              >
                {column}
                {types?.[i] && <span className="ml-1.5 font-normal text-slate-400 dark:text-slate-500">{types[i]}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r} className="odd:bg-white even:bg-slate-50/60 dark:odd:bg-slate-950 dark:even:bg-slate-900/50">
              <td className="w-px px-2 py-1 text-right text-slate-400 tabular-nums dark:text-slate-500">{r + 1}</td>
              {row.map((cell, c) => (
                <td key={c} className="max-w-[24rem] truncate px-3 py-1 whitespace-nowrap text-slate-700 dark:text-slate-300" title={cell ?? "null"}>
                  {cell === null ? <span className="text-slate-400 italic dark:text-slate-600">null</span> : cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
