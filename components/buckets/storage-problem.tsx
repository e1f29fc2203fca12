// Page states for a refused, unreachable or mistyped request: what happened, in the server's
// words (they name the bucket and role, never a credential), and a way on.
import Link from "next/link";
import { CloudOff, ShieldX, TriangleAlert } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { bucketHref } from "./paths";

type Problem = { kind: "forbidden" | "unavailable" | "invalid"; message: string };

const VIEWS = {
  forbidden: { icon: ShieldX, label: "403 · Access denied", title: "You may not open this bucket", tone: "bg-red-100 text-red-700 dark:bg-red-400/10 dark:text-red-300" },
  unavailable: {
    icon: CloudOff,
    label: "503 · Storage unavailable",
    title: "The object store cannot be reached",
    tone: "bg-amber-100 text-amber-700 dark:bg-amber-400/10 dark:text-amber-300",
  },
  invalid: {
    icon: TriangleAlert,
    label: "400 · Bad address",
    title: "This address cannot be opened",
    tone: "bg-amber-100 text-amber-700 dark:bg-amber-400/10 dark:text-amber-300",
  },
};

/** `retryHref`: this page's address, offered as "Try again" when the store was unreachable. */
export function StorageProblem({ problem, bucket, retryHref }: { problem: Problem; bucket?: string; retryHref?: string }) {
  const view = VIEWS[problem.kind];
  const Icon = view.icon;
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center px-4 py-16 text-center">
      <span className={`flex size-12 items-center justify-center rounded-full ${view.tone}`}>
        <Icon aria-hidden className="size-6" />
      </span>
      <p className="mt-5 text-sm font-semibold text-slate-500 dark:text-slate-400">{view.label}</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900 dark:text-white">{view.title}</h1>
      <p className="mt-2 text-sm break-words text-slate-600 dark:text-slate-400">{problem.message}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        {problem.kind === "unavailable" && (
          // A full reload: the page's server part is what failed.
          <a href={retryHref ?? "/buckets"} className={buttonClasses({ variant: "primary" })}>
            Try again
          </a>
        )}
        {bucket && problem.kind === "invalid" && (
          <Link href={bucketHref(bucket)} className={buttonClasses({ variant: "primary" })}>
            Open {bucket}
          </Link>
        )}
        {(problem.kind !== "unavailable" || retryHref) && (
          <Link href="/buckets" className={buttonClasses()}>
            All buckets
          </Link>
        )}
      </div>
    </div>
  );
}
