import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { TRPCReactProvider } from "@/components/trpc/react";
import { themeScript } from "@/components/theme/theme";
import { ThemeSync } from "@/components/theme/theme-sync";

export const metadata: Metadata = {
  title: { default: "Lakehouse Portal", template: "%s · Lakehouse Portal" },
  description: "Sign in, find datasets, see lineage, query and watch pipelines.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script adds class="dark" before React hydrates; that difference is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <ThemeSync />
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
