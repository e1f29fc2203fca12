"use client";
// What people see when a page fails: a plain explanation and a way forward, never a stack trace.
// A database outage gets its own wording because it is temporary and Retry is the right move.
import Link from "next/link";
import { DatabaseZap, RefreshCw, TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { isDatabaseUnavailable } from "@/components/lib/trpc-errors";
import { Button, buttonClasses } from "@/components/ui/button";

export function ErrorView({ error, retry }: { error: unknown; retry?: () => void }) {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return isDatabaseUnavailable(error) ? (
    <DatabaseUnavailableView retry={retry} />
  ) : (
    <ProblemView
      icon={<TriangleAlert aria-hidden className="size-6" />}
      title="Something went wrong"
      retry={retry}
      footnote={typeof digest === "string" ? `Reference: ${digest}` : undefined}
    >
      This page could not be shown. Try again; if it keeps happening, tell your administrator what you were doing.
    </ProblemView>
  );
}

export function DatabaseUnavailableView({ retry }: { retry?: () => void }) {
  return (
    <ProblemView icon={<DatabaseZap aria-hidden className="size-6" />} title="The database is unavailable" retry={retry}>
      The portal cannot reach its database right now, so it cannot show this page. This is usually temporary: wait a moment and retry.
    </ProblemView>
  );
}

function ProblemView({ icon, title, children, retry, footnote }: { icon: React.ReactNode; title: string; children: React.ReactNode; retry?: () => void; footnote?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Without a boundary's retry(), re-render the page from the server.
  const onRetry = () => startTransition(() => (retry ? retry() : router.refresh()));
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center px-4 py-16 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-amber-100 text-amber-700 dark:bg-amber-400/10 dark:text-amber-300">{icon}</span>
      <h1 className="mt-5 text-xl font-semibold text-slate-900 dark:text-white">{title}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{children}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Button variant="primary" onClick={onRetry} pending={pending}>
          {!pending && <RefreshCw aria-hidden className="size-4" />}
          Retry
        </Button>
        <Link href="/" className={buttonClasses()}>
          Go to the home page
        </Link>
      </div>
      {footnote && <p className="mt-6 font-mono text-xs text-slate-400 dark:text-slate-500">{footnote}</p>}
    </div>
  );
}
