// RSC prefetching for the catalog pages: like server/api/rsc.tsx, over catalogApiRouter (see
// api.ts), sharing the request's QueryClient so <HydrateClient> hands the data to the browser.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { getQueryClient } from "../../rsc";
import { createContext } from "../../trpc";
import { catalogApiRouter } from "./api";

const createRscContext = cache(async () => createContext({ headers: new Headers(await headers()) }));

export const catalogTrpc = createTRPCOptionsProxy({ ctx: createRscContext, router: catalogApiRouter, queryClient: getQueryClient });
