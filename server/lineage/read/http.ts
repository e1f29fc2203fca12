// The Marquez-compatible GET routes under /api/v1: any signed-in viewer, or an API token with the
// `read` scope. Path parameters are read from the request's own URL, each segment decoded exactly
// once, so a name with slashes, dots, colons or `%` round-trips whatever Next does to params
// (it has decoded them differently between page and route handlers and between versions).
// Unknown names answer 404 and bad parameters 400 in Marquez's error shape, `{ code, message }`,
// the message naming the parameter; other failures go through withAuth's mapping.
import type { z } from "zod";
import { withAuth } from "../../http/with-auth";
import { DomainError } from "../../errors";
import type { HandlerArgs } from "../../handler";

const PREFIX = "/api/v1/";

export type MarquezError = { code: number; message: string };

export function marquezError(code: number, message: string): Response {
  return Response.json({ code, message } satisfies MarquezError, { status: code });
}

/**
 * The decoded path parameters of `pattern` (e.g. "namespaces/:namespace/datasets/:dataset") in
 * the request's path; a segment that is not valid percent-encoding is a 400 naming the parameter.
 */
export function pathParams(pathname: string, pattern: string): Record<string, string> {
  const raw = pathname.startsWith(PREFIX) ? pathname.slice(PREFIX.length) : pathname;
  const segments = raw.split("/");
  const params: Record<string, string> = {};
  pattern.split("/").forEach((part, i) => {
    if (!part.startsWith(":")) return;
    const name = part.slice(1);
    try {
      params[name] = decodeURIComponent(segments[i] ?? "");
    } catch {
      throw new DomainError("BAD_REQUEST", `Invalid parameter ${name}: not valid percent-encoding.`);
    }
  });
  return params;
}

/** Parses path and query parameters with the operation's schema, or throws a 400 naming the first bad parameter. */
export function parseParams<S extends z.ZodType>(schema: S, raw: Record<string, string>): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const parameter = issue.path.length ? issue.path.map(String).join(".") : "query";
  throw new DomainError("BAD_REQUEST", `Invalid parameter ${parameter}: ${issue.message}.`);
}

/** A GET route handler for one read operation: `pattern` names the path parameters, the query string supplies the rest. */
export function marquezGet<S extends z.ZodType, Out>(pattern: string, schema: S, operation: (args: HandlerArgs<z.output<S>>) => Promise<Out>) {
  return withAuth(
    async (req, { user, ip, db }) => {
      try {
        const url = new URL(req.url);
        const input = parseParams(schema, { ...Object.fromEntries(url.searchParams), ...pathParams(url.pathname, pattern) });
        return Response.json(await operation({ ctx: { user, ip, db }, input }));
      } catch (err) {
        if (err instanceof DomainError && err.code === "NOT_FOUND") return marquezError(404, err.message);
        if (err instanceof DomainError && err.code === "BAD_REQUEST") return marquezError(400, err.message);
        throw err;
      }
    },
    { role: "viewer", scope: "read" },
  );
}
