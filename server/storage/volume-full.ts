// A full volume (ENOSPC, or a quota: EDQUOT) under the local object store, which is the embedded
// default's lake on the data volume. The write is abandoned whole (the adapter removes its
// temporary file, so the space is given back, and an existing object is left as it was); the
// person gets a 503 that says what happened instead of "something went wrong", and the operator
// a log line naming the volume.
import { DomainError } from "../errors";
import { logger } from "../logger";

export function isVolumeFull(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === "ENOSPC" || code === "EDQUOT";
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
