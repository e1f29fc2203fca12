// The SQL section (/sql, /sql/history, /sql/saved) under the portal's header. The editor tabs
// below it are the signed-in user's (components/sql/tabs/tabs-owner.tsx).
import type { ReactNode } from "react";
import { currentUser } from "@/components/auth/session";
import { SqlNav } from "@/components/sql/sql-nav";
import { TabsOwner } from "@/components/sql/tabs/tabs-owner";

export default async function SqlLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <div className="space-y-4">
      <SqlNav />
      {/* The portal layout has sent visitors without a session to sign in. */}
      {user ? <TabsOwner userId={user.id}>{children}</TabsOwner> : null}
    </div>
  );
}
