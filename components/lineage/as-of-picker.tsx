"use client";
// The as-of picker. Chrome's datetime-local reports a value after each field typed (11/28/2025
// passes through 2026-01-03, 0002-11-28, 0020-11-28…). Bound straight to the URL, each of those
// was sent, and React put the old value back on every keystroke until the URL caught up, which
// reset the field being typed: the time left in the picker — and asked of the server — was not
// the one typed (often a later one: "0 added, 0 removed"). So the picker keeps what is typed in
// its own state and sends the instant once typing pauses (or the field loses focus).
import { useEffect, useRef, useState } from "react";
import { Clock, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { fromLocalInput, sameSecond, toLocalInput } from "./as-of-input";
import { filterLabelClass, filterSelectClass } from "./filter-select";

/** How long typing must pause before the picked time is sent. */
export const AS_OF_SETTLE_MS = 400;

export function AsOfPicker({ value, onChange }: { value: string | null; onChange(iso: string | null): void }) {
  const [draft, setDraft] = useState(() => (value ? toLocalInput(value) : ""));
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; send(): void } | null>(null);
  useEffect(() => () => clearTimeout(pending.current?.timer), []);
  // The view's state may change while typing pauses: send through the latest onChange, not the one of the keystroke.
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });

  // A new value from outside (a shared link, "Now", back/forward) replaces the draft, unless the
  // draft already names it (then the user's text, e.g. without seconds, stays as typed). Adjusted
  // while rendering, as React recommends for state derived from a changed prop.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (!sameSecond(draft, value)) setDraft(value ? toLocalInput(value) : "");
  }

  const schedule = (text: string) => {
    clearTimeout(pending.current?.timer);
    pending.current = null;
    const iso = text === "" ? null : fromLocalInput(text);
    if (text !== "" && !iso) return; // not a whole, real time yet
    if (sameSecond(text, value)) return;
    const send = () => {
      pending.current = null;
      latest.current(iso);
    };
    pending.current = { timer: setTimeout(send, AS_OF_SETTLE_MS), send };
  };
  const flush = () => {
    if (!pending.current) return;
    clearTimeout(pending.current.timer);
    pending.current.send();
  };

  return (
    <>
      <label className={filterLabelClass}>
        <Clock aria-hidden className="size-4 shrink-0" />
        As of
        <input
          type="datetime-local"
          step={1}
          aria-label="As of"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            schedule(e.target.value);
          }}
          onBlur={flush}
          onKeyDown={(e) => {
            if (e.key === "Enter") flush();
          }}
          className={`${filterSelectClass} min-w-0`}
        />
      </label>
      {value && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            clearTimeout(pending.current?.timer);
            pending.current = null;
            onChange(null);
          }}
        >
          <X aria-hidden className="size-4" /> Now
        </Button>
      )}
    </>
  );
}
