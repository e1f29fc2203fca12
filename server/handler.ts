// The one shape of a domain operation: `handler({ ctx, input })`. A tRPC procedure passes its
// resolver arguments straight through (`.query(listRuns)`), a route handler built with
// withAuth (server/http/with-auth.ts) passes the same context, and tests call the handler with a
// database of their own. The input's type is the `z.infer` of the operation's one zod schema.
import type { CurrentUser } from "./auth/current-user";
import type { Db } from "./db/client";

/** Who asks (the user with the role the database holds now), from where, and the database to use. */
export type RequestContext = { user: CurrentUser; ip: string | null; db: Db };

/** The arguments of every operation handler. */
export type HandlerArgs<Input = undefined> = { ctx: RequestContext; input: Input };

/** A public procedure's context: the same, but nobody may be signed in. */
export type PublicRequestContext = Omit<RequestContext, "user"> & { user: CurrentUser | null };
export type PublicHandlerArgs<Input = undefined> = { ctx: PublicRequestContext; input: Input };

/** An operation that streams its answer stops when the client goes away (the request's signal). */
export type StreamingHandlerArgs<Input> = HandlerArgs<Input> & { signal: AbortSignal };
