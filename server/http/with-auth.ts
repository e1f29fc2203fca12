// The one guard for route handlers used by machines and downloads: resolves the signed-in user
// (role read from the database), refuses missing sessions (401) and missing roles (403), and
// maps domain errors to HTTP codes with JSON bodies; no stack trace ever reaches the client.
import { getCurrentUser, type CurrentUser } from "../auth/current-user";
import { hasRole, type Role } from "../auth/roles";
import { isDatabaseUnavailable } from "../db/client";
import { DomainError, HTTP_STATUS, DATABASE_UNAVAILABLE_MESSAGE, INTERNAL_ERROR_MESSAGE } from "../errors";
import { logger } from "../logger";

type Handler<Ctx> = (req: Request, ctx: Ctx & { user: CurrentUser }) => Promise<Response> | Response;

export function withAuth<Ctx extends object>(handler: Handler<Ctx>, options: { role: Role } = { role: "viewer" }) {
  return async (req: Request, ctx: Ctx): Promise<Response> => {
    try {
      const user = await getCurrentUser();
      if (!user) return jsonError(401, "Please sign in.");
      if (!hasRole(user.role, options.role)) return jsonError(403, `This needs the ${options.role} role; you are signed in as ${user.role}.`);
      return await handler(req, { ...ctx, user });
    } catch (err) {
      return errorResponse(err, req);
    }
  };
}

export function errorResponse(err: unknown, req: Request): Response {
  if (err instanceof DomainError) return jsonError(HTTP_STATUS[err.code], err.message, err.fieldErrors);
  if (isDatabaseUnavailable(err)) return jsonError(503, DATABASE_UNAVAILABLE_MESSAGE);
  logger.error({ err, url: new URL(req.url).pathname }, "route handler failed");
  return jsonError(500, INTERNAL_ERROR_MESSAGE);
}

export function jsonError(status: number, message: string, fieldErrors?: Record<string, string[]>): Response {
  return Response.json({ error: message, ...(fieldErrors ? { fieldErrors } : {}) }, { status });
}
