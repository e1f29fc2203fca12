import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import "./globals.css";
import { TRPCReactProvider } from "@/components/trpc/react";
import { themeScript } from "@/components/theme/theme";
import { ThemeSync } from "@/components/theme/theme-sync";
import { NonceProvider } from "@/components/ui/nonce";

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

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The launcher's per-request CSP nonce (server/http/edge/security-headers.ts). Reading it makes
  // every page render per request, which a nonce needs: a prerendered page would carry none.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script adds class="dark" before React hydrates; that difference is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <ThemeSync />
        <NonceProvider nonce={nonce}>
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </NonceProvider>
      </body>
    </html>
  );
}
