"use client";
// A read-only value (a new password) with a Copy button. Falls back to selecting the text when
// the Clipboard API is unavailable (plain http on a non-localhost address).
import { useId, useRef, useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "./button";
import { controlClasses } from "./form";
import { cx } from "@/components/lib/cx";

export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "select">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      inputRef.current?.select();
      const ok = document.execCommand?.("copy") ?? false;
      setState(ok ? "copied" : "select");
    }
  }

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={inputRef}
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className={cx(controlClasses, "h-10 w-full min-w-0 font-mono tracking-wide")}
          data-autofocus
        />
        <Button onClick={copy}>
          {state === "copied" ? <Check aria-hidden className="size-4 text-emerald-600 dark:text-emerald-400" /> : <Copy aria-hidden className="size-4" />}
          {state === "copied" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p aria-live="polite" className="text-xs text-slate-500 dark:text-slate-400">
        {state === "copied" ? "Copied to the clipboard." : state === "select" ? "Press Ctrl+C (⌘C on a Mac) to copy the selected text." : ""}
      </p>
    </div>
  );
}
