import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { cappedRequest } from "@/server/http/edge/capped-body";
import { MAX_TRPC_BATCH } from "@/server/http/edge/body-policy";
import { trpcRequestRefusal } from "@/server/http/edge/trpc-input";
import { logger } from "@/server/logger";

const handler = async (incoming: Request) => {
  // The body is read under its cap (chunked bodies declare no size) and checked for NUL bytes.
  const req = await cappedRequest(incoming);
  if (req instanceof Response) return req;
  // Malformed JSON or superjson would fail inside the procedure as a 500: a clear 400 instead.
  const malformed = await trpcRequestRefusal(req);
  if (malformed) return Response.json({ error: malformed }, { status: 400 });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_TRPC_BATCH,
    createContext: () => createContext({ headers: req.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error.cause ?? error, path }, "tRPC procedure failed");
    },
  });
};

export { handler as GET, handler as POST };
