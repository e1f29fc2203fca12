// Errors that domain modules raise on purpose. Their messages are written for users; the tRPC
// layer and the route-handler guard map the code to a tRPC code / HTTP status. Anything else
// that escapes is an internal error: logged in full, shown to users as a generic message.
export type DomainErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "CONFLICT"
  | "FORBIDDEN"
  | "UNAUTHORIZED"
  | "SERVICE_UNAVAILABLE"
  | "PAYLOAD_TOO_LARGE"
  /** The action needs an explicit confirmation first (e.g. a destructive statement). */
  | "PRECONDITION_FAILED";

export class DomainError extends Error {
  // Recognised by shape, not by class identity: the process holds several instances of this
  // module (the launcher's, and one per Next runtime: server/process-slot.ts), and an error
  // thrown by one instance is often caught by another.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === "DomainError" && typeof (value as { code?: unknown }).code === "string";
  }

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Field-level messages, for forms. */
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const HTTP_STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
  PAYLOAD_TOO_LARGE: 413,
  PRECONDITION_FAILED: 412,
};

export const DATABASE_UNAVAILABLE_MESSAGE = "The portal's database is unavailable right now. Please try again in a moment.";
export const INTERNAL_ERROR_MESSAGE = "Something went wrong on the server. The error was logged; please try again.";
