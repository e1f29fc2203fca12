"use client";
// The users table. From the `md` breakpoint up it is a normal table; on phones each row is laid
// out as a small card (explicit ARIA roles keep the table semantics when CSS changes display).
import { Ban, CircleCheck, KeyRound, LockOpen, UserRound } from "lucide-react";
import { Badge, ROLE_LABELS, StatusBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/form";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton } from "@/components/ui/skeleton";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { UserRow } from "./types";

const th = "px-4 py-3 font-medium";
// Cells are blocks in the phone card layout; `md:table-cell` turns them back into table cells
// (columns hidden until a wider breakpoint use their own `lg:table-cell` etc. instead).
const pad = "md:px-4 md:py-3 md:align-middle";
const td = `md:table-cell ${pad}`;
// Between phone cards and very wide screens the action buttons show icons only (their names stay
// in aria-label, and a tooltip shows them).
const compactLabel = "md:max-2xl:sr-only";

export function UsersTable({
  users,
  currentUserId,
  pendingRole,
  roleChangePending,
  onRoleChange,
  onToggleDisabled,
  onResetPassword,
  onUnlock,
}: {
  /** undefined while the first page loads */
  users: UserRow[] | undefined;
  currentUserId: string;
  pendingRole: { userId: string; role: Role } | undefined;
  roleChangePending: boolean;
  onRoleChange: (user: UserRow, role: Role) => void;
  onToggleDisabled: (user: UserRow) => void;
  onResetPassword: (user: UserRow) => void;
  onUnlock: (user: UserRow) => void;
}) {
  return (
    <div className="relative overflow-x-auto">
      <table role="table" aria-label="Users" aria-busy={!users || undefined} className="block w-full text-left text-sm md:table">
        <thead
          role="rowgroup"
          className="hidden border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-500 uppercase md:table-header-group dark:border-slate-800 dark:bg-slate-900/80 dark:text-slate-400"
        >
          <tr role="row">
            <th role="columnheader" scope="col" className={th}>
              E-mail
            </th>
            <th role="columnheader" scope="col" className={`${th} hidden lg:table-cell`}>
              Name
            </th>
            <th role="columnheader" scope="col" className={th}>
              Role
            </th>
            <th role="columnheader" scope="col" className={th}>
              Status
            </th>
            <th role="columnheader" scope="col" className={`${th} hidden lg:table-cell`}>
              Last sign-in
            </th>
            <th role="columnheader" scope="col" className={`${th} hidden xl:table-cell`}>
              Created
            </th>
            <th role="columnheader" scope="col" className={`${th} text-right`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup" className="block divide-y divide-slate-100 md:table-row-group dark:divide-slate-800">
          {!users
            ? Array.from({ length: 5 }, (_, i) => <SkeletonRow key={i} />)
            : users.map((user) => {
                const self = user.id === currentUserId;
                const shownRole = pendingRole?.userId === user.id ? pendingRole.role : user.role;
                return (
                  <tr
                    key={user.id}
                    role="row"
                    className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-2.5 px-4 py-3.5 md:table-row md:p-0 md:hover:bg-slate-50/60 dark:md:hover:bg-slate-800/30"
                  >
                    <td role="cell" className={`${td} col-span-2 min-w-0 md:min-w-52 md:max-w-56 xl:min-w-60 xl:max-w-64`}>
                      <span className="block truncate font-medium text-slate-900 dark:text-slate-100" title={user.email}>
                        {user.email}
                      </span>
                      {/* Below `lg` there is no name column: show the name under the e-mail. */}
                      <span className="mt-0.5 flex items-center gap-2 text-slate-600 lg:hidden dark:text-slate-400">
                        <span className="truncate">{user.name}</span>
                        {self && <YouTag />}
                      </span>
                    </td>
                    <td role="cell" className={`${pad} hidden text-slate-700 lg:table-cell lg:max-w-48 xl:max-w-56 dark:text-slate-300`}>
                      <span className="flex items-center gap-2">
                        <span className="truncate">{user.name}</span>
                        {self && <YouTag />}
                      </span>
                    </td>
                    <td role="cell" className={`${td} md:py-2`}>
                      <label htmlFor={`role-${user.id}`} className="sr-only">
                        Role of {user.email}
                      </label>
                      <Select
                        id={`role-${user.id}`}
                        value={shownRole}
                        disabled={roleChangePending}
                        onChange={(e) => onRoleChange(user, e.target.value as Role)}
                        className="h-8 w-32 py-0"
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </Select>
                    </td>
                    <td role="cell" className={`${td} justify-self-end`}>
                      <span className="flex flex-wrap items-center gap-1.5">
                        <StatusBadge disabled={user.disabled} />
                        {user.lockedUntil && (
                          <span title="Sign-in is locked after repeated failed attempts">
                            <Badge tone="amber" dot>
                              Locked
                            </Badge>
                          </span>
                        )}
                      </span>
                    </td>
                    <td role="cell" className={`${pad} hidden whitespace-nowrap text-slate-600 lg:table-cell dark:text-slate-400`}>
                      <LocalTime value={user.lastSignInAt} empty="Never" />
                    </td>
                    <td role="cell" className={`${pad} hidden whitespace-nowrap text-slate-600 xl:table-cell dark:text-slate-400`}>
                      <LocalTime value={user.createdAt} format="date" />
                    </td>
                    <td role="cell" className={`${td} col-span-2 md:py-2`}>
                      <div className="flex gap-1.5 md:justify-end">
                        {user.lockedUntil && (
                          <Button size="sm" aria-label={`Unlock ${user.email}`} title={`Unlock ${user.email}`} onClick={() => onUnlock(user)}>
                            <LockOpen aria-hidden className="size-4" />
                            <span className={compactLabel}>Unlock</span>
                          </Button>
                        )}
                        {user.disabled ? (
                          <Button size="sm" aria-label={`Enable ${user.email}`} title={`Enable ${user.email}`} onClick={() => onToggleDisabled(user)}>
                            <CircleCheck aria-hidden className="size-4" />
                            <span className={compactLabel}>Enable</span>
                          </Button>
                        ) : (
                          <Button
                            size="sm"
                            aria-label={`Disable ${user.email}`}
                            disabled={self}
                            title={self ? "You cannot disable your own account." : `Disable ${user.email}`}
                            onClick={() => onToggleDisabled(user)}
                          >
                            <Ban aria-hidden className="size-4" />
                            <span className={compactLabel}>Disable</span>
                          </Button>
                        )}
                        <Button size="sm" aria-label={`Reset password of ${user.email}`} title={`Reset password of ${user.email}`} onClick={() => onResetPassword(user)}>
                          <KeyRound aria-hidden className="size-4" />
                          <span className={compactLabel}>Reset password</span>
                        </Button>
                      </div>
                    </td>
                  </tr>
                );
              })}
        </tbody>
      </table>
    </div>
  );
}

function YouTag() {
  return (
    <span className="inline-flex shrink-0 items-center gap-0.5 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
      <UserRound aria-hidden className="size-3" />
      you
    </span>
  );
}

function SkeletonRow() {
  return (
    <tr role="row" className="grid grid-cols-[1fr_auto] gap-3 px-4 py-4 md:table-row md:p-0">
      <td className={`${td} col-span-2`}>
        <Skeleton className="h-4 w-44" />
      </td>
      <td className={`${pad} hidden lg:table-cell`}>
        <Skeleton className="h-4 w-28" />
      </td>
      <td className={td}>
        <Skeleton className="h-8 w-32" />
      </td>
      <td className={td}>
        <Skeleton className="h-5 w-16 rounded-full" />
      </td>
      <td className={`${pad} hidden lg:table-cell`}>
        <Skeleton className="h-4 w-32" />
      </td>
      <td className={`${pad} hidden xl:table-cell`}>
        <Skeleton className="h-4 w-24" />
      </td>
      <td className={`${td} col-span-2`}>
        <Skeleton className="h-8 w-48 md:ml-auto" />
      </td>
    </tr>
  );
}
