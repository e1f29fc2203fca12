// Home: what people open every morning. Their recently viewed datasets, the popular ones, their own
// latest workbench statements (loaded on the server behind a skeleton, no client JavaScript of
// their own), then the sections and their role, small.
import { Suspense } from "react";
import { currentUser } from "@/components/auth/session";
import { navItemsFor } from "@/components/shell/navigation";
import { TRPCError } from "@trpc/server";
import { HomeListsSkeleton, HomeListsView } from "@/components/home/home-lists";
import { Alert } from "@/components/ui/alert";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { INTERNAL_ERROR_MESSAGE } from "@/server/errors";
import { logger } from "@/server/logger";
import { SectionLinks } from "@/components/home/section-links";
import { RoleCard } from "@/components/home/role-card";

export default async function HomePage() {
  const user = await currentUser();
  if (!user) return null; // the layout has already sent visitors without a session to sign in
  const firstName = user.name.trim().split(/\s+/)[0] || user.name;
  const sections = navItemsFor(user.role).filter((item) => !item.exact);

  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl dark:text-white">Welcome, {firstName}</h1>
        <p className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          Signed in as <span className="font-medium break-all text-slate-800 dark:text-slate-200">{user.email}</span>
        </p>
      </section>

      <Suspense fallback={<HomeListsSkeleton />}>
        <HomeLists />
      </Suspense>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <SectionLinks sections={sections} />
        </div>
        <RoleCard role={user.role} />
      </div>
    </div>
  );
}

/** The lists, fetched while the rest of the page is on screen. A failure shows in their place. */
async function HomeLists() {
  let feed;
  try {
    feed = await getQueryClient().fetchQuery({ ...trpc.catalog.home.queryOptions(), retry: false });
  } catch (err) {
    // Deliberate errors (the database is unavailable) say so; anything else is logged, as the
    // tRPC route logs it, and shown without its details.
    const deliberate = err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR";
    if (!deliberate) logger.error({ err, path: "catalog.home" }, "home page lists failed");
    return <Alert tone="error">Your recent and popular datasets could not be loaded. {deliberate ? err.message : INTERNAL_ERROR_MESSAGE}</Alert>;
  }
  return <HomeListsView feed={feed} now={new Date()} />;
}
