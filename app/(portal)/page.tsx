import Link from "next/link";
import { ArrowRight, Check, Database, FolderOpen, GitFork, SquareTerminal, Workflow } from "lucide-react";
import { currentUser } from "@/components/auth/session";
import { cx } from "@/components/lib/cx";
import { ROLE_LABELS, RoleBadge } from "@/components/ui/badge";
import { focusRing } from "@/components/ui/button";
import { NAV_ITEMS, navItemsFor } from "@/components/shell/navigation";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/auth/roles";

// Sections on the way, listed so people know what the portal is for. Each disappears from this
// list once the navigation (components/shell/navigation.ts) has an entry for its address.
const UPCOMING = [
  { href: "/catalog", label: "Data catalog", icon: Database, description: "Search datasets, their columns and owners." },
  { href: "/sql", label: "SQL workbench", icon: SquareTerminal, description: "Query the lakehouse from the browser." },
  { href: "/lineage", label: "Lineage", icon: GitFork, description: "See where data comes from and where it goes." },
  { href: "/pipelines", label: "Pipelines", icon: Workflow, description: "Follow runs, durations and failures." },
  { href: "/buckets", label: "Buckets", icon: FolderOpen, description: "Browse and preview files in object storage." },
].filter((section) => !NAV_ITEMS.some((item) => item.href === section.href));

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
          Signed in as <span className="font-medium text-slate-800 dark:text-slate-200">{user.email}</span>
        </p>
      </section>

      <section aria-labelledby="sections-heading">
        <h2 id="sections-heading" className="text-base font-semibold text-slate-900 dark:text-white">
          Sections
        </h2>
        {sections.length > 0 ? (
          <ul className="mt-3 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            {sections.map((item) => {
              const Icon = item.icon;
              const adminOnly = item.role === "admin";
              return (
                <li key={item.href} className="flex flex-col rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
                  <Link href={item.href} className={cx("group flex flex-1 items-start gap-3 rounded-xl p-4 hover:bg-slate-50 dark:hover:bg-slate-800/50", focusRing)}>
                    <span
                      className={cx(
                        "flex size-9 shrink-0 items-center justify-center rounded-lg",
                        adminOnly ? "bg-violet-50 text-violet-700 dark:bg-violet-400/10 dark:text-violet-300" : "bg-sky-50 text-sky-700 dark:bg-sky-400/10 dark:text-sky-300",
                      )}
                    >
                      <Icon aria-hidden className="size-5" />
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className="flex items-center gap-1 font-medium text-slate-900 dark:text-white">
                        {item.label}
                        <ArrowRight aria-hidden className="size-4 text-slate-400 transition-transform group-hover:translate-x-0.5" />
                      </span>
                      <span className="mt-0.5 block text-sm text-slate-600 dark:text-slate-400">{item.description}</span>
                    </span>
                  </Link>
                  {item.subsections && (
                    <div className="flex flex-wrap gap-x-3 gap-y-1 border-t border-slate-100 px-4 py-2.5 dark:border-slate-800">
                      {item.subsections.map((sub) => (
                        <Link key={sub.href} href={sub.href} className={cx("rounded text-sm font-medium text-sky-700 hover:underline dark:text-sky-400", focusRing)}>
                          {sub.label}
                        </Link>
                      ))}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="mt-3 rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            There are no sections for your role yet.
          </p>
        )}
      </section>

      <div className="grid items-start gap-6 lg:grid-cols-5">
        <section aria-labelledby="role-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm lg:col-span-3 dark:border-slate-800 dark:bg-slate-900">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id="role-heading" className="text-base font-semibold text-slate-900 dark:text-white">
              Your role
            </h2>
            <RoleBadge role={user.role} />
          </div>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            Your role decides what you can see and do in the portal. It is checked on every request, so a change takes effect at once.
          </p>
          <ul className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {[...ROLES].reverse().map((role) => {
              const mine = role === user.role;
              return (
                <li key={role} className={cx("flex gap-3 px-3.5 py-2.5 text-sm", mine && "bg-sky-50/70 dark:bg-sky-400/5")}>
                  <span className="w-16 shrink-0 font-medium text-slate-900 dark:text-slate-100">{ROLE_LABELS[role]}</span>
                  <span className="flex-1 text-slate-600 dark:text-slate-400">{ROLE_DESCRIPTIONS[role]}</span>
                  {mine && (
                    <span className="flex shrink-0 items-start gap-1 text-xs font-medium text-sky-700 dark:text-sky-300">
                      <Check aria-hidden className="mt-px size-3.5" />
                      You
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          {user.role !== "admin" && <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">Need more access? Ask an administrator to change your role.</p>}
        </section>

        {UPCOMING.length > 0 && (
          <section aria-labelledby="upcoming-heading" className="lg:col-span-2">
            <h2 id="upcoming-heading" className="text-base font-semibold text-slate-900 dark:text-white">
              Coming soon
            </h2>
            <ul className="mt-3 space-y-2">
              {UPCOMING.map(({ label, icon: Icon, description }) => (
                <li key={label} className="flex items-start gap-3 text-sm">
                  <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-400 dark:text-slate-500" />
                  <span>
                    <span className="font-medium text-slate-700 dark:text-slate-300">{label}</span>
                    <span className="text-slate-500 dark:text-slate-400"> — {description}</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
