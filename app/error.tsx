"use client";
// Last-resort boundary for pages outside the portal frame (and the frame itself).
import { ErrorView } from "@/components/errors/error-view";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="flex min-h-screen items-center justify-center">
      <ErrorView error={error} retry={retry} />
    </main>
  );
}
