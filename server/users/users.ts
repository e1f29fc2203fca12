// User administration: the rules live here, not in the pages or the router. Every change is
// audited in the same transaction, and changes that could remove the last active admin are
// serialised with an advisory lock so two admins acting at once cannot both succeed.
// Audit subjects are e-mails: readable, never changed, and what the sign-in lock-out keys on.
import type { z } from "zod";
import { likeLiteral } from "../db/like";
import type { Prisma } from "../db/generated/client";
import { recordAudit } from "../audit/audit";
import { DomainError } from "../errors";
import type { HandlerArgs } from "../handler";
import { hashPassword } from "../auth/password";
import { normalizeEmail } from "../auth/sign-in";
import { accountLocks, databaseNow, lockedUntil } from "../auth/lockout";
import type { Role } from "../../lib/auth/roles";
import type { changeRoleInput, createUserInput, listUsersInput, resetPasswordInput, setDisabledInput, unlockInput } from "./schemas";

export type UserSummary = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

/** A row of Admin › Users: also whether sign-in is locked out after repeated failures. */
export type UserListRow = UserSummary & { lockedUntil: Date | null };

const summary = { id: true, email: true, name: true, role: true, disabled: true, lastSignInAt: true, createdAt: true } as const;

type Tx = Prisma.TransactionClient;

export async function listUsers({ ctx, input }: HandlerArgs<z.infer<typeof listUsersInput>>): Promise<{ users: UserListRow[]; total: number }> {
  const client = ctx.db;
  const search = input.search?.trim();
  const where: Prisma.UserWhereInput = {
    ...(input.role ? { role: input.role } : {}),
    ...(search ? { OR: [{ email: { contains: likeLiteral(search), mode: "insensitive" } }, { name: { contains: likeLiteral(search), mode: "insensitive" } }] } : {}),
  };
  const [users, total] = await client.$transaction([
    client.user.findMany({ where, select: summary, orderBy: [{ email: "asc" }], skip: (input.page - 1) * input.pageSize, take: input.pageSize }),
    client.user.count({ where }),
  ]);
  const locks = await accountLocks(
    client,
    users.map((u) => u.email),
    await databaseNow(client),
  );
  return { users: users.map((u) => ({ ...u, lockedUntil: locks.get(u.email) ?? null })), total };
}

export async function createUser({ ctx, input }: HandlerArgs<z.infer<typeof createUserInput>>): Promise<UserSummary> {
  const { user: actor, ip, db: client } = ctx;
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const emailTaken = () => new DomainError("CONFLICT", `A user with the e-mail ${email} already exists.`, { email: ["This e-mail is already in use."] });
  return client
    .$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken();
      const user = await tx.user.create({ data: { email, name: input.name.trim(), role: input.role, passwordHash }, select: summary });
      await recordAudit(tx, { actor, action: "user.created", subject: email, outcome: "success", ip, details: { userId: user.id, role: input.role } });
      return user;
    })
    .catch((err: unknown) => {
      // A concurrent request (a double-submitted form) took the e-mail after our check: the
      // unique index refuses our insert. That is the same conflict, not an internal error.
      if ((err as { code?: unknown }).code === "P2002") throw emailTaken();
      throw err;
    });
}

export async function changeRole({ ctx, input }: HandlerArgs<z.infer<typeof changeRoleInput>>): Promise<UserSummary> {
  const { user: actor, ip } = ctx;
  return ctx.db.$transaction(async (tx) => {
    await lockAdminChanges(tx);
    const user = await findUser(tx, input.userId);
    if (user.role === input.role) return user;
    if (user.role === "admin" && !user.disabled) await ensureAnotherActiveAdmin(tx, user.id, "demote");
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: input.role }, select: summary });
    await recordAudit(tx, { actor, action: "user.role_changed", subject: user.email, outcome: "success", ip, details: { userId: user.id, from: user.role, to: input.role } });
    return updated;
  });
}

export async function setDisabled({ ctx, input }: HandlerArgs<z.infer<typeof setDisabledInput>>): Promise<UserSummary> {
  const { user: actor, ip } = ctx;
  return ctx.db.$transaction(async (tx) => {
    await lockAdminChanges(tx);
    const user = await findUser(tx, input.userId);
    if (user.disabled === input.disabled) return user;
    if (input.disabled && user.id === actor.id) throw new DomainError("CONFLICT", "You cannot disable your own account.");
    if (input.disabled && user.role === "admin") await ensureAnotherActiveAdmin(tx, user.id, "disable");
    const updated = await tx.user.update({
      where: { id: user.id },
      // Disabling also ends the user's sessions.
      data: { disabled: input.disabled, ...(input.disabled ? { sessionVersion: { increment: 1 } } : {}) },
      select: summary,
    });
    await recordAudit(tx, { actor, action: input.disabled ? "user.disabled" : "user.enabled", subject: user.email, outcome: "success", ip, details: { userId: user.id } });
    return updated;
  });
}

export async function resetPassword({ ctx, input }: HandlerArgs<z.infer<typeof resetPasswordInput>>): Promise<UserSummary> {
  const { user: actor, ip } = ctx;
  const passwordHash = await hashPassword(input.password);
  return ctx.db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userId);
    // A new password ends the user's other sessions and lifts a sign-in lock-out.
    const updated = await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: summary });
    await recordAudit(tx, { actor, action: "user.password_reset", subject: user.email, outcome: "success", ip, details: { userId: user.id } });
    return updated;
  });
}

/** Lifts a sign-in lock-out at once (the failures before it no longer count). */
export async function unlockUser({ ctx, input }: HandlerArgs<z.infer<typeof unlockInput>>): Promise<UserListRow> {
  const { user: actor, ip } = ctx;
  return ctx.db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userId);
    // The same lock the sign-in takes, so an unlock and a concurrent failure are ordered.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`portal.sign-in:${user.email}`}))`;
    const until = await lockedUntil(tx, user.email, await databaseNow(tx));
    if (!until) throw new DomainError("CONFLICT", `${user.email} is not locked out (any more): there is nothing to unlock.`);
    await recordAudit(tx, { actor, action: "user.unlocked", subject: user.email, outcome: "success", ip, details: { userId: user.id, lockedUntil: until.toISOString() } });
    return { ...user, lockedUntil: null };
  });
}

async function findUser(tx: Tx, id: string): Promise<UserSummary> {
  const user = await tx.user.findUnique({ where: { id }, select: summary });
  if (!user) throw new DomainError("NOT_FOUND", "This user does not exist (any more).");
  return user;
}

async function lockAdminChanges(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('portal.users.admin-changes'))`;
}

async function ensureAnotherActiveAdmin(tx: Tx, userId: string, verb: "demote" | "disable"): Promise<void> {
  const others = await tx.user.count({ where: { role: "admin", disabled: false, id: { not: userId } } });
  if (others === 0) {
    throw new DomainError("CONFLICT", `You cannot ${verb} the last active admin. Make another user an admin first.`);
  }
}
