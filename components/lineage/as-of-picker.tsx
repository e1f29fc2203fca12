"use client";
// The as-of picker. It keeps what the user is typing in its own state and sends the instant only
// once the text names a whole, real local time: a datetime-local bound straight to the URL was
// reset to the old value on every keystroke (the URL updates after the event), so typing a
// segment digit by digit could leave a different time than the one typed.
import { useState } from "react";
import { Clock, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { fromLocalInput, sameSecond, toLocalInput } from "./as-of-input";
import { filterLabelClass, filterSelectClass } from "./filter-select";

export function AsOfPicker({ value, onChange }: { value: string | null; onChange(iso: string | null): void }) {
  const [draft, setDraft] = useState(() => (value ? toLocalInput(value) : ""));
  // A new value from outside (a shared link, "Now", back/forward) replaces the draft, unless the
  // draft already names it (then the user's text, e.g. without seconds, stays as typed). Adjusted
  // while rendering, as React recommends for state derived from a changed prop.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (!sameSecond(draft, value)) setDraft(value ? toLocalInput(value) : "");
  }
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
            const text = e.target.value;
            setDraft(text);
            if (text === "") onChange(null);
            else {
              const iso = fromLocalInput(text);
              if (iso && !sameSecond(text, value)) onChange(iso);
            }
          }}
          className={`${filterSelectClass} min-w-0`}
        />
      </label>
      {value && (
        <Button size="sm" variant="ghost" onClick={() => onChange(null)}>
          <X aria-hidden className="size-4" /> Now
        </Button>
      )}
    </>
  );
}
