// The home page's lists laid out: recently viewed and recent statements beside the popular
// datasets. The page fetches the feed on the server (catalog.home) and shows the skeleton meanwhile.
import type { RouterOutputs } from "@/server/api/root";
import { PopularDatasets, PopularSkeleton, RecentlyViewed, RecentlyViewedSkeleton } from "./dataset-lists";
import { RecentQueries, RecentQueriesSkeleton } from "./recent-queries";

const GRID = "grid items-start gap-6 lg:grid-cols-3";

export function HomeListsView({ feed, now }: { feed: RouterOutputs["catalog"]["home"]; now: Date }) {
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
