// tRPC in three parts: the request context, initialisation (transformer and error shape), and
// the procedure tiers every router builds on: public → protected → editor → admin.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { getCurrentUser, type CurrentUser } from "../auth/current-user";
import { clientAddressOf } from "../auth/client-address";
import { getConfig } from "../config/env";
import { hasRole, type Role } from "../../lib/auth/roles";
import { db, isDatabaseUnavailable, type Db } from "../db/client";
import { DomainError, DATABASE_UNAVAILABLE_MESSAGE, INTERNAL_ERROR_MESSAGE } from "../errors";
import { fieldErrorsOfIssues, invalidInputMessage, type FieldErrors } from "../http/field-errors";
import { auditRefusal } from "../audit/refusals";
import { DATABASE_VOLUME_FULL_MESSAGE, isDatabaseVolumeFull, logDatabaseVolumeFull } from "../storage/volume-full";

// ---------------------------------------------------------------------------------------------
// 1. Context
// ---------------------------------------------------------------------------------------------
export type Context = {
  /** The signed-in, enabled user with the role the database holds now; null if none. */
  user: CurrentUser | null;
  ip: string | null;
  /** The database handlers pass to the domain (tests call procedures with a database of their own). */
  db: Db;
};

export async function createContext(opts: { headers: Headers }): Promise<Context> {
  const user = await getCurrentUser();
  return { user, ip: clientAddressOf(opts.headers, getConfig().PORTAL_TRUSTED_PROXIES), db: db() };
}

// ---------------------------------------------------------------------------------------------
// 2. Initialisation
// ---------------------------------------------------------------------------------------------
function fieldErrorsOf(cause: unknown): FieldErrors | null {
  if (cause instanceof DomainError) return cause.fieldErrors ?? null;
  const issues = (cause as { issues?: { path?: PropertyKey[]; message: string }[] } | undefined)?.issues;
  // Flattened as route handlers flatten them (server/http/field-errors.ts).
  return Array.isArray(issues) ? fieldErrorsOfIssues(issues) : null;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const fieldErrors = fieldErrorsOf(error.cause);
    let message = shape.message;
    if (error.code === "INTERNAL_SERVER_ERROR") message = INTERNAL_ERROR_MESSAGE;
    else if (error.code === "BAD_REQUEST" && fieldErrors && !(error.cause instanceof DomainError)) {
      message = invalidInputMessage(fieldErrors);
    }
    // No stack traces leave the server, whatever NODE_ENV says.
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message, data: { ...data, fieldErrors } };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

// ---------------------------------------------------------------------------------------------
// 3. Procedures
// ---------------------------------------------------------------------------------------------

/** Turns deliberate domain errors and database outages into the right tRPC codes; audits FORBIDDEN (server/audit/refusals.ts). */
const mapErrors = t.middleware(async ({ ctx, path, type, next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    const code = cause instanceof DomainError ? cause.code : result.error.code;
    if (code === "FORBIDDEN" && ctx.user)
      await auditRefusal(ctx.db, { user: ctx.user, ip: ctx.ip, path, type, message: cause instanceof DomainError ? cause.message : result.error.message });
    if (cause instanceof DomainError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
    if (result.error.code === "INTERNAL_SERVER_ERROR" && isDatabaseUnavailable(cause ?? result.error)) {
      throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR" && isDatabaseVolumeFull(cause ?? result.error)) {
      logDatabaseVolumeFull(path);
      throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DATABASE_VOLUME_FULL_MESSAGE, cause });
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

function requireRole(role: Role) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.user.role, role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${role} role; you are signed in as ${ctx.user.role}.` });
    }
    return next({ ctx });
  });
}

export const editorProcedure = requireRole("editor");
export const adminProcedure = requireRole("admin");
