"use client";
// A failed list query, explained: database outage (retry), ended session (sign in again), or
// the server's own message.
import { DatabaseZap, LogIn, RefreshCw, TriangleAlert } from "lucide-react";
import { errorCode, errorMessage, isDatabaseUnavailable } from "@/components/lib/trpc-errors";
import { signInPathFor } from "@/components/lib/callback-url";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export function QueryError({ error, onRetry, compact = false }: { error: unknown; onRetry: () => void; compact?: boolean }) {
  const code = errorCode(error);
  if (code === "UNAUTHORIZED") {
    const signIn = (
      <a href={signInPathFor(typeof window === "undefined" ? "/" : window.location.pathname + window.location.search)} className={buttonClasses({ variant: "primary" })}>
        <LogIn aria-hidden className="size-4" />
        Sign in again
      </a>
    );
    return compact ? (
      <Alert tone="error" title="Your session has ended" action={<div className="pt-1">{signIn}</div>} />
    ) : (
      <div role="alert">
        <EmptyState icon={LogIn} title="Your session has ended" action={signIn}>
          Sign in again to continue.
        </EmptyState>
      </div>
    );
  }
  const database = isDatabaseUnavailable(error);
  const title = database ? "The database is unavailable" : "This list could not be loaded";
  const message = database ? "The portal cannot reach its database right now. This is usually temporary." : errorMessage(error);
  const retry = (
    <Button onClick={onRetry}>
      <RefreshCw aria-hidden className="size-4" />
      Retry
    </Button>
  );
  if (compact) {
    return (
      <Alert tone="error" title={title} action={<div className="pt-1">{retry}</div>}>
        {message}
      </Alert>
    );
  }
  return (
    <div role="alert">
      <EmptyState icon={database ? DatabaseZap : TriangleAlert} title={title} action={retry}>
        {message}
      </EmptyState>
    </div>
  );
}
