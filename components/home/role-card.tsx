// What the signed-in user's role allows, in one line; what the other roles allow, on request.
import { Check } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { ROLE_LABELS, RoleBadge } from "@/components/ui/badge";
import { focusRing } from "@/components/ui/button";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/lib/auth/roles";

export function RoleCard({ role }: { role: Role }) {
  return (
    <section aria-labelledby="role-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="role-heading" className="text-sm font-semibold text-slate-900 dark:text-white">
          Your role
        </h2>
        <RoleBadge role={role} />
      </div>
      <p className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
        {ROLE_DESCRIPTIONS[role]} It is checked on every request, so a change takes effect at once.
        {role !== "admin" && " Need more access? Ask an administrator to change your role."}
      </p>
      <details className="group mt-2 text-sm">
        <summary className={cx("w-fit cursor-pointer rounded text-sm font-medium text-sky-700 hover:underline dark:text-sky-400", focusRing)}>What each role may do</summary>
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {[...ROLES].reverse().map((r) => (
            <li key={r} className={cx("flex gap-3 px-3 py-2", r === role && "bg-sky-50/70 dark:bg-sky-400/5")}>
              <span className="w-14 shrink-0 font-medium text-slate-900 dark:text-slate-100">{ROLE_LABELS[r]}</span>
              <span className="flex-1 text-slate-600 dark:text-slate-400">{ROLE_DESCRIPTIONS[r]}</span>
              {r === role && (
                <span className="flex shrink-0 items-start gap-1 text-xs font-medium text-sky-700 dark:text-sky-300">
                  <Check aria-hidden className="mt-px size-3.5" />
                  You
                </span>
              )}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
