// tRPC for React Server Components: pages `await getQueryClient().prefetchQuery(trpc.x.queryOptions(...))`
// and wrap their client part in <HydrateClient>, so it renders with data and no loading flash.
import "server-only";
import { cache, type ReactNode } from "react";
import { headers } from "next/headers";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { makeQueryClient } from "@/lib/trpc/query-client";
import { appRouter } from "./root";
import { createContext } from "./trpc";

const createRscContext = cache(async () => createContext({ headers: new Headers(await headers()) }));

export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({ ctx: createRscContext, router: appRouter, queryClient: getQueryClient });

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
