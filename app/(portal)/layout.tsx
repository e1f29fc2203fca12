// Every page in this group needs a signed-in user: without one, go to the sign-in page and come
// back here afterwards. The role is read fresh from the database on each request.
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentUser } from "@/components/auth/session";
import { signInPathFor } from "@/components/lib/callback-url";
import { AppShell } from "@/components/shell/app-shell";
import { DatabaseUnavailableView } from "@/components/errors/error-view";
import { isDatabaseUnavailable } from "@/server/db/client";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const requestHeaders = await headers();
  let user: Awaited<ReturnType<typeof currentUser>>;
  try {
    user = await currentUser();
  } catch (err) {
    // In production an error thrown here reaches the browser without its message, so the error
    // page could not tell an outage from a bug: answer the outage here, with a Retry button.
    if (isDatabaseUnavailable(err)) {
      return (
        <main className="flex min-h-screen items-center justify-center">
          <DatabaseUnavailableView />
        </main>
      );
    }
    throw err;
  }
  if (!user) redirect(signInPathFor(requestHeaders.get("x-portal-path")));
  return <AppShell user={{ name: user.name, email: user.email, role: user.role }}>{children}</AppShell>;
}
