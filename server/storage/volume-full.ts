// A full volume (ENOSPC, or a quota: EDQUOT) under the local object store, which is the embedded
// default's lake on the data volume, or under the database (below). The write is abandoned whole (the adapter removes its
// temporary file, so the space is given back, and an existing object is left as it was); the
// person gets a 503 that says what happened instead of "something went wrong", and the operator
// a log line naming the volume.
import { DomainError } from "../errors";
import { logger } from "../logger";

export function isVolumeFull(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === "ENOSPC" || code === "EDQUOT";
}

/**
 * PostgreSQL's disk_full (SQLSTATE 53100: "could not extend file …: No space left on device"),
 * through Prisma and the pg driver, whose errors carry it in their message or cause. The embedded
 * PGlite lives on the data volume, so a full data volume shows up here; it keeps answering reads,
 * and the write that failed was rolled back.
 */
export function isDatabaseVolumeFull(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
  if (e.code === "53100") return true;
  if (typeof e.message === "string" && /\b53100\b|could not (extend|write to) file .*No space left on device/.test(e.message)) return true;
  return isDatabaseVolumeFull(e.cause, depth + 1) || isDatabaseVolumeFull(e.meta, depth + 1);
}

export const DATABASE_VOLUME_FULL_MESSAGE =
  "The portal's database has no space left, so this change was not saved (nothing of it was kept). Ask an administrator to free space or enlarge its volume, then try again.";

/** The log line for it: once per refused request, naming no user data. */
export function logDatabaseVolumeFull(path: string): void {
  logger.error({ path }, "database volume full: a write was refused and rolled back");
}

export function volumeFullError(where: { bucket: string; key: string; volume: string; replacing: boolean }, err: unknown): DomainError {
  logger.error(
    { bucket: where.bucket, key: where.key, volume: where.volume, code: (err as NodeJS.ErrnoException).code },
    "storage volume full: a write was refused and nothing of it kept",
  );
  return new DomainError(
    "SERVICE_UNAVAILABLE",
    `The portal's storage is full: "${where.key}" was not stored in bucket ${where.bucket}, and nothing of it was kept` +
      `${where.replacing ? " (the file already there is unchanged)" : ""}. Ask an administrator to free space or enlarge the data volume, then try again.`,
  );
}
