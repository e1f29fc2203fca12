// The home page's lists, loaded on the server while the rest of the page is already on screen
// (the page wraps this in Suspense with HomeListsSkeleton). A failure shows in place of the lists;
// the page around them still works.
import { AlertTriangle } from "lucide-react";
import { TRPCError } from "@trpc/server";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { INTERNAL_ERROR_MESSAGE } from "@/server/errors";
import { logger } from "@/server/logger";
import { PopularDatasets, PopularSkeleton, RecentlyViewed, RecentlyViewedSkeleton } from "@/components/home/dataset-lists";
import { RecentQueries, RecentQueriesSkeleton } from "@/components/home/recent-queries";

const GRID = "grid items-start gap-6 lg:grid-cols-3";

export async function HomeLists() {
  let feed;
  try {
    feed = await getQueryClient().fetchQuery({ ...trpc.catalog.home.queryOptions(), retry: false });
  } catch (err) {
    // Deliberate errors (the database is unavailable) say so; anything else is logged, as the
    // tRPC route logs it, and shown without its details.
    const deliberate = err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR";
    if (!deliberate) logger.error({ err, path: "catalog.home" }, "home page lists failed");
    const message = deliberate ? err.message : INTERNAL_ERROR_MESSAGE;
    return (
      <div
        role="alert"
        className="flex items-start gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-100"
      >
        <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>Your recent and popular datasets could not be loaded. {message}</p>
      </div>
    );
  }
  const now = new Date();
  return (
    <div className={GRID}>
      <RecentlyViewed recent={feed.recent} now={now} className="lg:col-span-2" />
      <PopularDatasets popular={feed.popular} windowDays={feed.popularWindowDays} className="lg:row-span-2" />
      <RecentQueries queries={feed.queries} now={now} className="lg:col-span-2" />
    </div>
  );
}

export function HomeListsSkeleton() {
  return (
    <div className={GRID}>
      <RecentlyViewedSkeleton className="lg:col-span-2" />
      <PopularSkeleton className="lg:row-span-2" />
      <RecentQueriesSkeleton className="lg:col-span-2" />
    </div>
  );
}
