import Link from "next/link";
import { FolderX } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

/** A bucket or object that does not exist (or that the user may not know about). */
export default function BucketNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center px-4 py-16 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
        <FolderX aria-hidden className="size-6" />
      </span>
      <p className="mt-5 text-sm font-semibold text-sky-700 dark:text-sky-400">404</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight text-slate-900 dark:text-white">No such bucket or file</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">It may have been deleted or renamed, or the link may be mistyped.</p>
      <Link href="/buckets" className={buttonClasses({ variant: "primary", className: "mt-6" })}>
        All buckets
      </Link>
    </div>
  );
}
