"use client";
// One column's menu (the ⋮ button in its header): sort, filter the loaded rows, display format,
// pin to the left, hide, fit the width to the values.
import { useId, useState } from "react";
import { ArrowDownWideNarrow, ArrowUpNarrowWide, EyeOff, MoveHorizontal, Pin, PinOff, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/form";
import type { ResultColumn } from "../../run/types";
import type { ColumnKind } from "./column-kind";
import type { ColumnFilter, SortSpec } from "./row-view";
import type { ColumnFormat } from "./value-format";
import { MenuItem, Popover } from "./popover";

type Props = {
  x: number;
  y: number;
  column: ResultColumn;
  index: number;
  kind: ColumnKind;
  sort: SortSpec | null;
  filter: ColumnFilter | undefined;
  format: ColumnFormat | undefined;
  pinned: boolean;
  onSort: (direction: SortSpec["direction"] | null) => void;
  onFilter: (filter: ColumnFilter | null) => void;
  onFormat: (format: ColumnFormat) => void;
  onPin: (pinned: boolean) => void;
  onHide: () => void;
  onFit: () => void;
  onClose: () => void;
};

export function ColumnMenu(props: Props) {
  const { column, index, kind, sort, filter, format, pinned, onClose } = props;
  const id = useId();
  const sorted = sort?.column === index ? sort.direction : null;
  const [op, setOp] = useState<ColumnFilter["op"]>(filter?.op ?? (kind === "number" || kind === "date" ? "range" : "contains"));
  const [text, setText] = useState(filter && filter.op !== "range" ? filter.text : "");
  const [min, setMin] = useState(filter?.op === "range" ? filter.min : "");
  const [max, setMax] = useState(filter?.op === "range" ? filter.max : "");
  const act = (f: () => void) => () => {
    f();
    onClose();
  };
  const apply = () => {
    props.onFilter(op === "range" ? { column: index, op, min, max } : { column: index, op, text });
    onClose();
  };
  const number = format?.number ?? { thousands: false, decimals: null };
  const placeholder = kind === "date" ? "2001-01-31" : kind === "number" ? "number" : "text";

  return (
    <Popover x={props.x} y={props.y} onClose={onClose} label={`Column ${column.name}`}>
      <div className="w-72 space-y-1">
        <p className="truncate px-2.5 pt-1.5 text-xs font-semibold text-slate-500 dark:text-slate-400">{column.name}</p>
        <MenuItem onSelect={act(() => props.onSort("asc"))} disabled={sorted === "asc"}>
          <span className="inline-flex items-center gap-2">
            <ArrowUpNarrowWide aria-hidden className="size-4" /> Sort ascending
          </span>
        </MenuItem>
        <MenuItem onSelect={act(() => props.onSort("desc"))} disabled={sorted === "desc"}>
          <span className="inline-flex items-center gap-2">
            <ArrowDownWideNarrow aria-hidden className="size-4" /> Sort descending
          </span>
        </MenuItem>
        {sorted && (
          <MenuItem onSelect={act(() => props.onSort(null))}>
            <span className="inline-flex items-center gap-2">
              <X aria-hidden className="size-4" /> Clear sort
            </span>
          </MenuItem>
        )}
        <form
          className="space-y-2 border-t border-slate-200 px-2.5 py-2 dark:border-slate-700"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <div className="flex items-center justify-between gap-2">
            <label htmlFor={`${id}-op`} className="text-xs font-semibold text-slate-600 dark:text-slate-300">
              Filter
            </label>
            <Select id={`${id}-op`} value={op} onChange={(e) => setOp(e.target.value as ColumnFilter["op"])} className="h-7 w-32 py-0 text-xs">
              <option value="contains">contains</option>
              <option value="equals">equals</option>
              <option value="range">between</option>
            </Select>
          </div>
          {op === "range" ? (
            <div className="flex gap-2">
              <Input aria-label={`${column.name} from`} placeholder={`from ${placeholder}`} value={min} onChange={(e) => setMin(e.target.value)} className="h-8 text-xs" />
              <Input aria-label={`${column.name} to`} placeholder={`to ${placeholder}`} value={max} onChange={(e) => setMax(e.target.value)} className="h-8 text-xs" />
            </div>
          ) : (
            <Input aria-label={`${column.name} ${op}`} placeholder={placeholder} value={text} onChange={(e) => setText(e.target.value)} className="h-8 text-xs" />
          )}
          <div className="flex justify-end gap-2">
            {filter && (
              <Button size="sm" variant="ghost" onClick={act(() => props.onFilter(null))}>
                Clear filter
              </Button>
            )}
            <Button size="sm" type="submit" variant="primary">
              Apply filter
            </Button>
          </div>
        </form>
        {(kind === "number" || kind === "date") && (
          <div className="space-y-2 border-t border-slate-200 px-2.5 py-2 dark:border-slate-700">
            <p className="text-xs font-semibold text-slate-600 dark:text-slate-300">Format</p>
            {kind === "number" ? (
              <div className="flex items-center justify-between gap-2">
                <label className="inline-flex items-center gap-2 text-xs text-slate-700 dark:text-slate-300">
                  <input
                    type="checkbox"
                    checked={number.thousands}
                    onChange={(e) => props.onFormat({ number: { ...number, thousands: e.target.checked } })}
                    className="size-4 accent-sky-600"
                  />
                  Thousands separators
                </label>
                <Select
                  aria-label="Decimals"
                  value={number.decimals ?? ""}
                  onChange={(e) => props.onFormat({ number: { ...number, decimals: e.target.value === "" ? null : Number(e.target.value) } })}
                  className="h-7 w-28 py-0 text-xs"
                >
                  <option value="">as is</option>
                  {[0, 1, 2, 3, 4, 6].map((d) => (
                    <option key={d} value={d}>
                      {d} decimals
                    </option>
                  ))}
                </Select>
              </div>
            ) : (
              <Select
                aria-label="Date format"
                value={format?.date ?? "iso"}
                onChange={(e) => props.onFormat({ date: e.target.value as "iso" | "local" })}
                className="h-7 py-0 text-xs"
              >
                <option value="iso">ISO (as the engine sends it)</option>
                <option value="local">Local date and time</option>
              </Select>
            )}
          </div>
        )}
        <div className="border-t border-slate-200 pt-1 dark:border-slate-700">
          <MenuItem onSelect={act(() => props.onPin(!pinned))}>
            <span className="inline-flex items-center gap-2">
              {pinned ? <PinOff aria-hidden className="size-4" /> : <Pin aria-hidden className="size-4" />}
              {pinned ? "Unpin" : "Pin to the left"}
            </span>
          </MenuItem>
          <MenuItem onSelect={act(props.onFit)}>
            <span className="inline-flex items-center gap-2">
              <MoveHorizontal aria-hidden className="size-4" /> Fit width to values
            </span>
          </MenuItem>
          <MenuItem onSelect={act(props.onHide)}>
            <span className="inline-flex items-center gap-2">
              <EyeOff aria-hidden className="size-4" /> Hide column
            </span>
          </MenuItem>
        </div>
      </div>
    </Popover>
  );
}
