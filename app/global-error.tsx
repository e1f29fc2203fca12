"use client";
// Replaces the root layout when the layout itself fails, so it brings its own <html> and <body>,
// stylesheet and theme script. Like the other error pages: plain words, Retry, no stack trace.
import "./globals.css";
import { ErrorView } from "@/components/errors/error-view";
import { themeScript } from "@/components/theme/theme";

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <title>Something went wrong · Lakehouse Portal</title>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <main className="flex min-h-screen items-center justify-center">
          <ErrorView error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
