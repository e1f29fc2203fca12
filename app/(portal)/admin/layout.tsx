// The admin area: admins see the section with its sub-navigation; anyone else gets a 403 page
// here (not a redirect, which could loop, and not an error).
import type { ReactNode } from "react";
import { currentUser } from "@/components/auth/session";
import { AdminNav } from "@/components/admin/admin-nav";
import { Forbidden } from "@/components/admin/forbidden";
import { hasRole } from "@/server/auth/roles";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) return null; // the portal layout has already redirected to sign-in
  if (!hasRole(user.role, "admin")) return <Forbidden required="admin" actual={user.role} />;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm font-medium text-slate-500 dark:text-slate-400">Admin</p>
        <div className="mt-3">
          <AdminNav />
        </div>
      </div>
      {children}
    </div>
  );
}
