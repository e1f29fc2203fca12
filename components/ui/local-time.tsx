"use client";
// A timestamp in the reader's own time zone and locale. The server cannot know either, so an
// inline script rewrites the text while the HTML is parsed (before paint); React keeps the DOM's
// text on hydration (suppressHydrationWarning), and renders in the browser on later updates.
import { useId } from "react";
import { useNonce } from "./nonce";

const FORMATS = {
  datetime: { dateStyle: "medium", timeStyle: "short" },
  precise: { dateStyle: "medium", timeStyle: "medium" },
  date: { dateStyle: "medium" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type TimeFormat = keyof typeof FORMATS;

export function formatTime(value: Date | string, format: TimeFormat = "datetime"): string {
  return new Date(value).toLocaleString(undefined, FORMATS[format]);
}

export function LocalTime({ value, format = "datetime", empty = "—" }: { value: Date | string | null | undefined; format?: TimeFormat; empty?: string }) {
  const id = useId();
  const nonce = useNonce(); // the page's Content-Security-Policy runs inline scripts only with it
  if (!value) return <span className="text-slate-400 dark:text-slate-500">{empty}</span>;
  const iso = new Date(value).toISOString();
  const script = `(function(){var n=document.getElementById(${JSON.stringify(id)});if(n)n.textContent=new Date(${JSON.stringify(iso)}).toLocaleString(undefined,${JSON.stringify(FORMATS[format])})})()`;
  return (
    <>
      <time id={id} dateTime={iso} title={iso} suppressHydrationWarning>
        {formatTime(iso, format)}
      </time>
      <script
        nonce={nonce}
        // Runs only when the server's HTML is parsed; on the client it is inert text.
        type={typeof window === "undefined" ? "text/javascript" : "text/plain"}
        suppressHydrationWarning
        dangerouslySetInnerHTML={{ __html: script }}
      />
    </>
  );
}
