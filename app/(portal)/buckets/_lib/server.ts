// Server-side loading for the bucket pages: prefetch through tRPC (so the client hydrates with
// data, no loading flash) and turn the errors a person can act on into page states: 404 for a
// missing bucket/object, an explanation for a refused or unreachable store.
import "server-only";
import { notFound } from "next/navigation";
import { getQueryClient, trpc } from "@/server/api/rsc";

/** buckets.* query options for server rendering; same query keys as the browser's. */
export const bucketsRsc = () => trpc.buckets;

export type Problem = { kind: "forbidden" | "unavailable" | "invalid"; message: string };

/** Fetches into the request's query client; returns a problem to show, or calls notFound(). */
export async function load(options: object): Promise<Problem | null> {
  try {
    // Any procedure's queryOptions(); their generic types do not unify, the runtime shape does.
    await getQueryClient().fetchQuery(options as Parameters<ReturnType<typeof getQueryClient>["fetchQuery"]>[0]);
    return null;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = (err as Error).message;
    if (code === "NOT_FOUND") notFound();
    if (code === "FORBIDDEN") return { kind: "forbidden", message };
    if (code === "SERVICE_UNAVAILABLE") return { kind: "unavailable", message };
    if (code === "BAD_REQUEST") return { kind: "invalid", message };
    throw err; // a bug: the error boundary shows a generic message, the log has the details
  }
}
