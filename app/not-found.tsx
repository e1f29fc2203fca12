import type { Metadata } from "next";
import Link from "next/link";
import { Compass } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="flex max-w-md flex-col items-center text-center">
        <span className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <Compass aria-hidden className="size-6" />
        </span>
        <p className="mt-5 text-sm font-semibold text-sky-700 dark:text-sky-400">404</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <Link href="/" className={buttonClasses({ variant: "primary", className: "mt-6" })}>
          Go to the home page
        </Link>
      </div>
    </main>
  );
}
