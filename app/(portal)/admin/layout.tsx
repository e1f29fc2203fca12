// The admin area: admins see the section with its sub-navigation; anyone else gets a 403 page
// (not a redirect, which could loop, and not an error): forbidden() answers with status 403 and
// app/(portal)/forbidden.tsx shows why.
import type { ReactNode } from "react";
import { forbidden } from "next/navigation";
import { currentUser } from "@/components/auth/session";
import { AdminNav } from "@/components/admin/admin-nav";
import { hasRole } from "@/lib/auth/roles";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) return null; // the portal layout has already redirected to sign-in
  if (!hasRole(user.role, "admin")) forbidden();
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
