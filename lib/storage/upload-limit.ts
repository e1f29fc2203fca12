// The largest upload a bucket accepts, and the refusal people see — one wording for the browser
// (which refuses before sending) and the server (which refuses before and while streaming).
// Pure functions shared by the upload panel and the server (hence lib/).

/** Limits are configured in MB of 1024 × 1024 bytes, so the default 5120 reads as "5 GB". */
export const BYTES_PER_MB = 1024 * 1024;

const UNITS = ["B", "KB", "MB", "GB", "TB", "PB"] as const;

/** 5 GB, 1.5 GB, 700 MB: the configured limit, exact (never rounded to look larger or smaller). */
export function describeLimit(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (unit < UNITS.length - 1 && value >= 1024 && value % 1024 === 0) {
    value /= 1024;
    unit++;
  }
  // Not a whole number of the next unit (e.g. 1536 MB): one decimal when exact, else stay.
  if (unit < UNITS.length - 1 && value >= 1024 && ((value / 1024) * 10) % 1 === 0) return `${value / 1024} ${UNITS[unit + 1]}`;
  return `${value.toLocaleString("en-US")} ${UNITS[unit]}`;
}

/** A size in its largest unit, rounded to one decimal (`up`: never below the size itself). */
function sizeIn(bytes: number, up: boolean): { value: number; unit: number } {
  let value = bytes;
  let unit = 0;
  while (unit < UNITS.length - 1 && value >= 1024) {
    value /= 1024;
    unit++;
  }
  return { value: (up ? Math.ceil(value * 10) : Math.round(value * 10)) / 10, unit };
}

function show({ value, unit }: { value: number; unit: number }): string {
  return `${value.toLocaleString("en-US", { maximumFractionDigits: 1 })} ${UNITS[unit]}`;
}

/** 6.2 GB: a file's size to one decimal. */
export function describeSize(bytes: number): string {
  return show(sizeIn(bytes, false));
}

/** `size` null: the body declared no length and grew past the limit while it streamed. */
export function uploadTooLargeMessage(bucket: string, limitBytes: number, size: number | null): string {
  const limit = describeLimit(limitBytes);
  let file = `larger than ${limit}`;
  if (size !== null) {
    // A size that rounds down to the limit ("5 GB" for 5 GB + 1 byte) would read as allowed: round it up instead.
    const nearest = sizeIn(size, false);
    file = show(nearest.value * 1024 ** nearest.unit <= limitBytes ? sizeIn(size, true) : nearest);
  }
  return `This file is ${file}; bucket ${bucket} accepts uploads up to ${limit}.`;
}
