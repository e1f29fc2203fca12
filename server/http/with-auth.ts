// The one guard for route handlers used by machines, streams and downloads: resolves the
// signed-in user or the owner of a Bearer API token (role read from the database), refuses
// missing sessions and bad tokens (401) and missing roles or scopes (403), reads and validates the input with its zod schema (400 with field messages, flattened
// as tRPC flattens them), and maps domain errors to HTTP codes with JSON bodies; no stack trace
// ever reaches the client.
import type { z } from "zod";
import { getCurrentUser, type CurrentUser } from "../auth/current-user";
import { clientAddressOf } from "../auth/client-address";
import { authorizeBearer } from "../auth/api-tokens-bearer";
import { bearerOf } from "../auth/api-tokens-text";
import { getConfig } from "../config/env";
import { hasRole, type Role } from "../../lib/auth/roles";
import type { Scope } from "../../lib/auth/scopes";
import { db, isDatabaseUnavailable, type Db } from "../db/client";
import { DomainError, HTTP_STATUS, DATABASE_UNAVAILABLE_MESSAGE, INTERNAL_ERROR_MESSAGE } from "../errors";
import { logger } from "../logger";
import { DATABASE_VOLUME_FULL_MESSAGE, isDatabaseVolumeFull, logDatabaseVolumeFull } from "../storage/volume-full";
import { cappedRequest } from "./edge/capped-body";
import { fieldErrorsOfIssues, invalidInputMessage, type FieldErrors } from "./field-errors";

/** A schema, or a choice of schema by the raw input (a download names a run or a statement). */
type InputSchema = z.ZodType | ((raw: unknown) => z.ZodType);
type Output<S> = S extends z.ZodType ? z.output<S> : S extends (raw: unknown) => infer T ? (T extends z.ZodType ? z.output<T> : never) : never;

/**
 * Where the input comes from: `json` (the body, which must be JSON), `form` (a form post or a
 * JSON body) or `query` (the URL's query string; the body is left unread, e.g. for uploads).
 * Bodies are read under the route's cap (server/http/edge/capped-body.ts).
 */
type InputOption<S extends InputSchema> = { json: S; form?: never; query?: never } | { form: S; json?: never; query?: never } | { query: S; json?: never; form?: never };
/**
 * `role`: the least role of the caller (for a token: of its owner, read now). `scope`: the API
 * token scope that lets a Bearer token call this route; a route without one takes sessions only.
 */
type Options<S extends InputSchema> = { role?: Role; scope?: Scope } & (InputOption<S> | { json?: never; form?: never; query?: never });

/** As in a tRPC procedure: the user, the client's address (server/auth/client-address.ts), the database, the input. */
type HandlerContext<Ctx, I> = Ctx & { user: CurrentUser; ip: string | null; db: Db; input: I };
type Handler<Ctx, I> = (req: Request, ctx: HandlerContext<Ctx, I>) => Promise<Response> | Response;

export function withAuth<Ctx extends object = object, S extends InputSchema = z.ZodUndefined>(handler: Handler<Ctx, Output<S>>, options: Options<S> = {}) {
  const role = options.role ?? "viewer";
  return async (incoming: Request, ctx: Ctx): Promise<Response> => {
    let req = incoming;
    try {
      const ip = clientAddressOf(incoming.headers, getConfig().PORTAL_TRUSTED_PROXIES);
      const user = await callerOf(incoming, { scope: options.scope, role }, ip);
      if (user instanceof Response) return user;
      const read = await readInput(incoming, options);
      if (read instanceof Response) return read;
      req = read.req;
      return await handler(req, { ...ctx, user, ip, db: db(), input: read.input as Output<S> });
    } catch (err) {
      return errorResponse(err, req);
    }
  };
}

/**
 * The caller: a Bearer API token's owner (no session is looked at; server/auth/api-tokens-bearer.ts
 * checks the token, the route's scope and the owner's current role) or the signed-in user.
 */
async function callerOf(req: Request, required: { scope: Scope | undefined; role: Role }, ip: string | null): Promise<CurrentUser | Response> {
  const authorization = req.headers.get("authorization");
  if (bearerOf(authorization) !== null) {
    const result = await authorizeBearer(authorization, required, { db: db(), ip, path: new URL(req.url).pathname });
    if (result.ok) return result.user;
    return jsonError(result.status, result.message, undefined, result.status === 401 ? { "www-authenticate": 'Bearer realm="portal"' } : undefined);
  }
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "Please sign in.");
  if (!hasRole(user.role, required.role)) return jsonError(403, `This needs the ${required.role} role; you are signed in as ${user.role}.`);
  return user;
}

async function readInput(incoming: Request, options: Options<InputSchema>): Promise<Response | { req: Request; input: unknown }> {
  let req = incoming;
  let raw: unknown;
  let schema: InputSchema | undefined;
  if (options.query) {
    schema = options.query;
    raw = Object.fromEntries(new URL(req.url).searchParams);
  } else if (options.json || options.form) {
    // Read under the route's cap (chunked bodies declare no size) and checked for NUL bytes.
    const capped = await cappedRequest(incoming);
    if (capped instanceof Response) return capped;
    req = capped;
    if (options.json) {
      schema = options.json;
      try {
        raw = await req.json();
      } catch {
        return jsonError(400, "The request body must be JSON.");
      }
    } else {
      schema = options.form;
      const contentType = req.headers.get("content-type") ?? "";
      raw = contentType.includes("application/json") ? await req.json().catch(() => null) : Object.fromEntries((await req.formData().catch(() => new FormData())).entries());
    }
  }
  if (!schema) return { req, input: undefined };
  const parsed = parseInput(typeof schema === "function" ? schema(raw) : schema, raw);
  return parsed instanceof Response ? parsed : { req, input: parsed.data };
}

/** Validates a value (the body, the query, a path parameter) or answers 400 with field messages. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): Response | { data: z.output<S> } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { data: parsed.data };
  const fieldErrors = fieldErrorsOfIssues(parsed.error.issues);
  return jsonError(400, invalidInputMessage(fieldErrors), fieldErrors);
}

export function errorResponse(err: unknown, req: Request): Response {
  if (err instanceof DomainError) return jsonError(HTTP_STATUS[err.code], err.message, err.fieldErrors);
  if (isDatabaseUnavailable(err)) return jsonError(503, DATABASE_UNAVAILABLE_MESSAGE);
  if (isDatabaseVolumeFull(err)) {
    logDatabaseVolumeFull(new URL(req.url).pathname);
    return jsonError(503, DATABASE_VOLUME_FULL_MESSAGE);
  }
  logger.error({ err, url: new URL(req.url).pathname }, "route handler failed");
  return jsonError(500, INTERNAL_ERROR_MESSAGE);
}

export function jsonError(status: number, message: string, fieldErrors?: FieldErrors, headers?: Record<string, string>): Response {
  return Response.json({ error: message, ...(fieldErrors ? { fieldErrors } : {}) }, { status, headers });
}
