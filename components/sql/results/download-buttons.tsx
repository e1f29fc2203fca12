"use client";
// Download CSV / JSON / Parquet: the browser posts the run's id to /api/sql/download as a form and the
// server streams the whole file (every row, not just those shown): from the result it kept when
// the run was complete, else by running the statement again. Nothing is built in the browser,
// so a download of any size costs the page nothing. The form targets a hidden iframe
// so the workbench stays put; a download never "loads" the iframe, an error page does — that
// is how a refusal (e.g. the session ended) is read and shown here.
import { useId, useRef, useState } from "react";
import { Download } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

const FORMATS = [
  { format: "csv", label: "CSV" },
  { format: "json", label: "JSON" },
  // Typed columns (integers, decimals, timestamps, lists), for the next tool rather than a spreadsheet.
  { format: "parquet", label: "Parquet" },
] as const;

export function DownloadButtons({ runId, kept, onError }: { runId: string; kept: boolean; onError: (message: string) => void }) {
  const frameName = `download-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [submitted, setSubmitted] = useState(false);

  const readError = () => {
    if (!submitted) return; // the iframe's initial about:blank
    const text = frameRef.current?.contentDocument?.body?.textContent?.trim();
    if (!text) return;
    let message = text;
    try {
      const body = JSON.parse(text) as { error?: unknown };
      if (typeof body.error === "string") message = body.error;
    } catch {
      // not JSON: show the text as it is
    }
    onError(`The download failed: ${message}`);
  };

  return (
    <div className="flex items-center gap-1.5">
      <iframe ref={frameRef} name={frameName} title="Download" hidden onLoad={readError} />
      {FORMATS.map(({ format, label }) => (
        <form key={format} method="post" action="/api/sql/download" target={frameName} onSubmit={() => setSubmitted(true)}>
          <input type="hidden" name="runId" value={runId} />
          <input type="hidden" name="format" value={format} />
          <button
            type="submit"
            className={buttonClasses({ variant: "secondary", size: "sm" })}
            title={
              kept
                ? `Download the whole result as ${label}, from the copy the server kept (the query does not run again)`
                : `Download the whole result as ${label}: the server runs the query again for all rows`
            }
          >
            <Download aria-hidden className="size-4" />
            {label}
            <span className="sr-only"> download</span>
          </button>
        </form>
      ))}
    </div>
  );
}
