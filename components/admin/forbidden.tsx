import Link from "next/link";
import { ShieldX } from "lucide-react";
import { RoleBadge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import type { Role } from "@/lib/auth/roles";

/** Shown in place of a page the signed-in user's role does not allow (HTTP's 403). */
export function Forbidden({ required, actual }: { required: Role; actual: Role }) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center px-4 py-16 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-red-100 text-red-700 dark:bg-red-400/10 dark:text-red-300">
        <ShieldX aria-hidden className="size-6" />
      </span>
      <p className="mt-5 text-sm font-semibold text-red-700 dark:text-red-400">403 · Access denied</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900 dark:text-white">You need the {required} role to see this page</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        You are signed in with the <RoleBadge role={actual} /> role. If you need access, ask an administrator to change your role.
      </p>
      <Link href="/" className={buttonClasses({ variant: "primary", className: "mt-6" })}>
        Go to the home page
      </Link>
    </div>
  );
}
