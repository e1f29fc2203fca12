// The portal's sections for the signed-in user's role, small: the lists above are what people
// come to the home page for; the navigation bar has the same sections.
import Link from "next/link";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import type { NavItem } from "@/components/shell/navigation";

export function SectionLinks({ sections }: { sections: NavItem[] }) {
  return (
    <section aria-labelledby="sections-heading">
      <h2 id="sections-heading" className="text-sm font-semibold text-slate-900 dark:text-white">
        Sections
      </h2>
      {sections.length > 0 ? (
        <ul className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6">
          {sections.map((item) => {
            const Icon = item.icon;
            const adminOnly = item.role === "admin";
            return (
              <li key={item.href} className="min-w-0 rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
                <Link
                  href={item.href}
                  title={item.description}
                  className={cx("flex items-center gap-2.5 rounded-lg px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800/50", focusRing)}
                >
                  <Icon aria-hidden className={cx("size-4 shrink-0", adminOnly ? "text-violet-600 dark:text-violet-300" : "text-sky-600 dark:text-sky-400")} />
                  <span className="min-w-0">
                    <span className="block text-sm font-medium text-slate-900 dark:text-white">{item.label}</span>
                    <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{item.description}</span>
                  </span>
                </Link>
                {item.subsections && (
                  <div className="flex flex-wrap gap-x-3 gap-y-0.5 border-t border-slate-100 px-3 py-1.5 dark:border-slate-800">
                    {item.subsections.map((sub) => (
                      <Link key={sub.href} href={sub.href} className={cx("rounded text-xs font-medium text-sky-700 hover:underline dark:text-sky-400", focusRing)}>
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
        <p className="mt-2 rounded-lg border border-dashed border-slate-300 p-3 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          There are no sections for your role yet.
        </p>
      )}
    </section>
  );
}
