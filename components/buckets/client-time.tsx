"use client";
// A timestamp in the reader's time zone and locale, for rows that are often rendered in the
// browser (paging, sorting): the server and the hydrating render show the UTC date, then the
// browser switches to local time. (LocalTime's inline script suits server-only renders; React
// warns about <script> in browser renders.)
import { useSyncExternalStore } from "react";
import { formatTime, type TimeFormat } from "@/components/ui/local-time";

const subscribe = () => () => {};

export function ClientTime({ value, format = "datetime" }: { value: Date | string; format?: TimeFormat }) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {inBrowser ? formatTime(iso, format) : `${iso.slice(0, 16).replace("T", " ")} UTC`}
    </time>
  );
}
