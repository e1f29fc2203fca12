// Catalog › engine › catalog › schema › dataset.
import Link from "next/link";
import { ChevronRight } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { catalogPath, enginePath, schemaPath } from "../paths";

export function Breadcrumbs({ engineId, catalog, schema, current }: { engineId: string; catalog?: string; schema?: string; current?: string }) {
  const items: { label: string; href?: string }[] = [
    { label: "Catalog", href: "/catalog" },
    { label: engineId, href: enginePath(engineId) },
  ];
  if (catalog) items.push({ label: catalog, href: catalogPath(engineId, catalog) });
  if (catalog && schema) items.push({ label: schema, href: schemaPath(engineId, catalog, schema) });
  if (current) items.push({ label: current });
  // The last item is the page itself.
  const last = items.length - 1;
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex flex-wrap items-center gap-1 text-slate-500 dark:text-slate-400">
        {items.map((item, i) => (
          <li key={i} className="flex min-w-0 items-center gap-1">
            {i > 0 && <ChevronRight aria-hidden className="size-3.5 shrink-0" />}
            {i === last || !item.href ? (
              <span aria-current={i === last ? "page" : undefined} className="truncate font-medium text-slate-700 dark:text-slate-200">
                {item.label}
              </span>
            ) : (
              <Link href={item.href} className={cx("truncate rounded hover:text-slate-900 hover:underline dark:hover:text-white", focusRing)}>
                {item.label}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
