"use client";
// Admin › Users: find people, create accounts, change roles, disable/enable, reset passwords
// and unlock accounts locked out after repeated failed sign-ins. Every rule (last admin, not yourself, …) is the server's; this page asks for
// confirmation where a slip would hurt and shows the server's answer as it is.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LoaderCircle, Plus, Search, Users } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { errorMessage } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { ROLE_LABELS, RoleBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/form";
import { ListPanel } from "@/components/ui/list-panel";
import { Pagination } from "@/components/ui/pagination";
import { ROLES, type Role } from "@/lib/auth/roles";
import { NewUserDialog } from "./new-user-dialog";
import { ResetPasswordDialog } from "./reset-password-dialog";
import { UsersTable } from "./users-table";
import { USERS_PAGE_SIZE, usersListInput, type UserRow } from "./types";

type Notice = { tone: "success" | "error"; text: string };

export function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();

  const [searchText, setSearchText] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const search = useDebouncedValue(searchText.trim(), 300);
  // The page belongs to one set of filters: changing a filter starts again at page 1.
  const filterKey = `${search}\u0000${role}`;
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;

  const list = useQuery(trpc.users.list.queryOptions(usersListInput({ search, role, page }), { placeholderData: keepPreviousData }));

  const [notice, setNotice] = useState<Notice | null>(null);
  const [creating, setCreating] = useState(false);
  const [confirmRole, setConfirmRole] = useState<{ user: UserRow; role: Role } | null>(null);
  const [confirmDisable, setConfirmDisable] = useState<UserRow | null>(null);
  const [resetFor, setResetFor] = useState<UserRow | null>(null);
  const [confirmUnlock, setConfirmUnlock] = useState<UserRow | null>(null);

  const invalidate = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() })]);

  const changeRole = useMutation(
    trpc.users.changeRole.mutationOptions({
      onSuccess: (user) => {
        setConfirmRole(null);
        setNotice({ tone: "success", text: `${user.name} is now ${article(user.role)} ${ROLE_LABELS[user.role].toLowerCase()}.` });
        void invalidate();
        // Changing your own role changes what the portal lets you see: re-render from the server.
        if (user.id === currentUserId) router.refresh();
      },
      onError: (error) => {
        // Inside the confirmation dialog the dialog shows it; otherwise the page does.
        if (!confirmRole) setNotice({ tone: "error", text: errorMessage(error) });
      },
    }),
  );

  const setDisabled = useMutation(
    trpc.users.setDisabled.mutationOptions({
      onSuccess: (user) => {
        setConfirmDisable(null);
        setNotice({
          tone: "success",
          text: user.disabled ? `${user.name} is disabled and has been signed out.` : `${user.name} is enabled and can sign in again.`,
        });
        void invalidate();
      },
    }),
  );

  const unlock = useMutation(
    trpc.users.unlock.mutationOptions({
      onSuccess: (user) => {
        setConfirmUnlock(null);
        setNotice({ tone: "success", text: `${user.name} is unlocked and can sign in again at once.` });
        void invalidate();
      },
    }),
  );

  function requestRoleChange(user: UserRow, newRole: Role) {
    if (newRole === user.role) return;
    setNotice(null);
    if (user.id === currentUserId) {
      changeRole.reset();
      setConfirmRole({ user, role: newRole });
    } else {
      changeRole.mutate({ userId: user.id, role: newRole });
    }
  }

  const filtered = Boolean(search || role);
  const pendingRoleFor = changeRole.isPending ? changeRole.variables : undefined;
  // The same table shows skeleton rows (users undefined) until the first page arrives.
  const table = (users: UserRow[] | undefined) => (
    <UsersTable
      users={users}
      currentUserId={currentUserId}
      pendingRole={pendingRoleFor}
      roleChangePending={changeRole.isPending}
      onRoleChange={requestRoleChange}
      onToggleDisabled={(user) => {
        setDisabled.reset();
        setConfirmDisable(user);
      }}
      onResetPassword={setResetFor}
      onUnlock={(user) => {
        unlock.reset();
        setConfirmUnlock(user);
      }}
    />
  );

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Users</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Who can sign in to the portal, and what their role lets them do.</p>
        </div>
        <Button variant="primary" onClick={() => setCreating(true)}>
          <Plus aria-hidden className="size-4" />
          New user
        </Button>
      </div>

      {notice && (
        <Alert tone={notice.tone} onDismiss={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="relative flex-1 sm:max-w-sm">
          <label htmlFor="users-search" className="sr-only">
            Search users
          </label>
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
          <Input id="users-search" type="search" placeholder="Search by e-mail or name" value={searchText} onChange={(e) => setSearchText(e.target.value)} className="pl-9" />
        </div>
        <div className="flex flex-1 items-center gap-3 sm:flex-none">
          <label htmlFor="users-role" className="sr-only">
            Filter by role
          </label>
          <Select id="users-role" value={role} onChange={(e) => setRole(e.target.value as Role | "")} className="w-auto flex-1 sm:w-40 sm:flex-none">
            <option value="">All roles</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
          <span className="w-4">{list.isFetching && !list.isPending && <LoaderCircle aria-label="Updating the list" className="size-4 animate-spin text-slate-400" />}</span>
        </div>
      </div>

      <ListPanel
        query={list}
        pending={table(undefined)}
        isEmpty={(data) => data.total === 0}
        empty={
          filtered ? (
            <EmptyState
              icon={Search}
              title="No users match"
              action={
                <Button
                  onClick={() => {
                    setSearchText("");
                    setRole("");
                  }}
                >
                  Clear filters
                </Button>
              }
            >
              Nobody{search ? ` matches “${search}”` : ""}
              {role ? ` with the ${ROLE_LABELS[role].toLowerCase()} role` : ""}.
            </EmptyState>
          ) : (
            <EmptyState icon={Users} title="No users yet" action={<Button onClick={() => setCreating(true)}>New user</Button>}>
              Create the first account to let someone sign in.
            </EmptyState>
          )
        }
        footer={(data) => <Pagination label="Users pages" page={page} pageSize={USERS_PAGE_SIZE} total={data.total} onPageChange={(p) => setPaging({ filterKey, page: p })} />}
        reportStaleError
      >
        {(data) => table(data.users)}
      </ListPanel>

      <NewUserDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => setNotice({ tone: "success", text: `Created ${user.name} (${user.email}) as ${article(user.role)} ${ROLE_LABELS[user.role].toLowerCase()}.` })}
      />

      <ConfirmDialog
        open={confirmRole !== null}
        onClose={() => setConfirmRole(null)}
        title="Change your own role?"
        confirmLabel={confirmRole ? `Make me ${article(confirmRole.role)} ${ROLE_LABELS[confirmRole.role].toLowerCase()}` : "Change role"}
        tone="danger"
        pending={changeRole.isPending}
        error={confirmRole && changeRole.error ? errorMessage(changeRole.error) : null}
        onConfirm={() => confirmRole && changeRole.mutate({ userId: confirmRole.user.id, role: confirmRole.role })}
      >
        {confirmRole && (
          <p>
            You are about to change your own role from <RoleBadge role={confirmRole.user.role} /> to <RoleBadge role={confirmRole.role} />.
            {confirmRole.user.role === "admin" && " You will lose access to the admin pages at once, and only another admin can give it back."}
          </p>
        )}
      </ConfirmDialog>

      <ConfirmDialog
        open={confirmDisable !== null}
        onClose={() => setConfirmDisable(null)}
        title={confirmDisable ? `${confirmDisable.disabled ? "Enable" : "Disable"} ${confirmDisable.name}?` : ""}
        confirmLabel={confirmDisable?.disabled ? "Enable user" : "Disable user"}
        tone={confirmDisable?.disabled ? "primary" : "danger"}
        pending={setDisabled.isPending}
        error={setDisabled.error ? errorMessage(setDisabled.error) : null}
        onConfirm={() => confirmDisable && setDisabled.mutate({ userId: confirmDisable.id, disabled: !confirmDisable.disabled })}
      >
        {confirmDisable &&
          (confirmDisable.disabled ? (
            <p>
              <strong className="font-semibold text-slate-900 dark:text-white">{confirmDisable.name}</strong> ({confirmDisable.email}) will be able to sign in again with their
              current password.
            </p>
          ) : (
            <p>
              <strong className="font-semibold text-slate-900 dark:text-white">{confirmDisable.name}</strong> ({confirmDisable.email}) will be signed out at once and cannot sign in
              until an admin enables the account again.
            </p>
          ))}
      </ConfirmDialog>

      <ConfirmDialog
        open={confirmUnlock !== null}
        onClose={() => setConfirmUnlock(null)}
        title={confirmUnlock ? `Unlock ${confirmUnlock.name}?` : ""}
        confirmLabel="Unlock"
        tone="primary"
        pending={unlock.isPending}
        error={unlock.error ? errorMessage(unlock.error) : null}
        onConfirm={() => confirmUnlock && unlock.mutate({ userId: confirmUnlock.id })}
      >
        {confirmUnlock && (
          <p>
            <strong className="font-semibold text-slate-900 dark:text-white">{confirmUnlock.name}</strong> ({confirmUnlock.email}) is locked out after repeated failed sign-ins.
            Unlocking lets anyone who knows the password sign in at once; do it only when you know the failures were theirs.
          </p>
        )}
      </ConfirmDialog>

      <ResetPasswordDialog user={resetFor} onClose={() => setResetFor(null)} />
    </div>
  );
}

function article(role: Role): string {
  return role === "admin" || role === "editor" ? "an" : "a";
}
