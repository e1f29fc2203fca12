// The catalog router mounted at `catalog`, on its own: the catalog pages type their tRPC calls
// and RSC prefetches with it, so they work the same before and after it joins appRouter (the
// paths, and so the query keys, are identical: catalog.search, catalog.dataset, …).
import { createTRPCRouter } from "../../trpc";
import { catalogRouter } from "./router";

export const catalogApiRouter = createTRPCRouter({ catalog: catalogRouter });
export type CatalogApiRouter = typeof catalogApiRouter;
