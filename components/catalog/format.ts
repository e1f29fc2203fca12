// Numbers and sizes for people.
const integer = new Intl.NumberFormat("en");

export function formatCount(n: number | bigint | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return integer.format(n);
}

export function formatBytes(bytes: number | bigint | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  let value = Number(bytes);
  for (const unit of ["B", "KB", "MB", "GB", "TB"]) {
    if (value < 1024 || unit === "TB") return `${unit === "B" ? value : value.toFixed(1)} ${unit}`;
    value /= 1024;
  }
  return `${value} PB`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "every 24 hours", "every 7 days". */
export function formatInterval(hours: number): string {
  if (hours % 24 === 0) return hours === 24 ? "daily" : `every ${hours / 24} days`;
  return hours === 1 ? "hourly" : `every ${hours} hours`;
}
