// Team administration (Admin › Teams): the rules live here, not in the page or the router. Every
// change is audited in the same transaction as the change itself.
import type { z } from "zod";
import { Prisma } from "../db/generated/client";
import { recordAudit } from "../audit/audit";
import { DomainError } from "../errors";
import type { HandlerArgs } from "../handler";
import { likeLiteral } from "../db/like";
import { TEAM_AUDIT_ACTIONS, teamOwnerRef, teamSubject } from "./actions";
import {
  TEAMS_PAGE_SIZE,
  type addMembersInput,
  type createTeamInput,
  type deleteTeamInput,
  type listTeamsInput,
  type removeMemberInput,
  type teamIdInput,
  type updateTeamInput,
} from "./schemas";

type Tx = Prisma.TransactionClient;

export type TeamSummary = { id: string; name: string; slug: string; description: string; memberCount: number; ownedDatasets: number; updatedAt: Date };
export type TeamMemberRow = { userId: string; email: string; name: string; disabled: boolean; source: "manual" | "oidc"; addedAt: Date };
export type TeamDetail = TeamSummary & { members: TeamMemberRow[]; alertChannelId: string | null };

/** The slug of a new team: lower-case letters and digits joined by dashes ("Data Platform" → data-platform). */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "team";
}

/** A slug not yet taken: the name's slug, or with -2, -3, … after it. */
export async function freeSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set((await tx.team.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((t) => t.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const nameTaken = (name: string) => new DomainError("CONFLICT", `A team named ${name} already exists.`, { name: ["This name is already in use."] });
const notFound = () => new DomainError("NOT_FOUND", "This team does not exist (any more).");

async function ownedDatasetCounts(client: Tx | HandlerArgs["ctx"]["db"], slugs: string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const refs = slugs.map(teamOwnerRef);
  const rows = await client.$queryRaw<{ owner: string; n: number }[]>`
    SELECT o AS owner, count(*)::int AS n FROM catalog_datasets, unnest(owners) o
    WHERE owners && ${refs}::text[] AND o = ANY(${refs}::text[]) AND removed_at IS NULL GROUP BY o`;
  return new Map(rows.map((r) => [r.owner.slice("team:".length), r.n]));
}

export type TeamsPage = { teams: TeamSummary[]; /** The `after` of the next page; null on the last. */ next: string | null; /** Teams matching the search. */ total: number };

/** One page of teams in name order (keyset: names after `after`), so a thousand teams stay one index range scan a page. */
export async function listTeams({ ctx, input }: HandlerArgs<z.input<typeof listTeamsInput>>): Promise<TeamsPage> {
  const search = input.search?.trim();
  const limit = input.limit ?? TEAMS_PAGE_SIZE;
  const matching: Prisma.TeamWhereInput = search
    ? { OR: [{ name: { contains: likeLiteral(search), mode: "insensitive" } }, { slug: { contains: likeLiteral(search.toLowerCase()) } }] }
    : {};
  const [rows, total] = await Promise.all([
    ctx.db.team.findMany({
      where: input.after === undefined ? matching : { AND: [matching, { name: { gt: input.after } }] },
      orderBy: { name: "asc" },
      take: limit + 1, // one more says whether there is a next page
      select: { id: true, name: true, slug: true, description: true, updatedAt: true, _count: { select: { members: true } } },
    }),
    ctx.db.team.count({ where: matching }),
  ]);
  const teams = rows.slice(0, limit);
  const owned = await ownedDatasetCounts(
    ctx.db,
    teams.map((t) => t.slug),
  );
  return {
    teams: teams.map(({ _count, ...t }) => ({ ...t, memberCount: _count.members, ownedDatasets: owned.get(t.slug) ?? 0 })),
    next: rows.length > limit ? teams.at(-1)!.name : null,
    total,
  };
}

export async function getTeam({ ctx, input }: HandlerArgs<z.infer<typeof teamIdInput>>): Promise<TeamDetail> {
  return loadTeam(ctx.db as unknown as Tx, input.teamId);
}

async function loadTeam(tx: Tx, teamId: string): Promise<TeamDetail> {
  const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true, name: true, slug: true, description: true, updatedAt: true, alertChannelId: true } });
  if (!team) throw notFound();
  const rows = await tx.teamMember.findMany({ where: { teamId }, select: { userId: true, source: true, addedAt: true } });
  const users = await tx.user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, email: true, name: true, disabled: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  const members = rows
    .flatMap((r) => {
      const u = byId.get(r.userId);
      return u ? [{ userId: r.userId, email: u.email, name: u.name, disabled: u.disabled, source: r.source as "manual" | "oidc", addedAt: r.addedAt }] : [];
    })
    .sort((a, b) => a.email.localeCompare(b.email));
  const owned = await ownedDatasetCounts(tx, [team.slug]);
  return { ...team, memberCount: members.length, ownedDatasets: owned.get(team.slug) ?? 0, members };
}

function uniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError ? err.code === "P2002" : (err as { code?: unknown }).code === "P2002";
}

export async function createTeam({ ctx, input }: HandlerArgs<z.infer<typeof createTeamInput>>): Promise<TeamDetail> {
  return ctx.db
    .$transaction(async (tx) => {
      if (await tx.team.findFirst({ where: { name: { equals: input.name, mode: "insensitive" } }, select: { id: true } })) throw nameTaken(input.name);
      const slug = await freeSlug(tx, input.name);
      const team = await tx.team.create({ data: { name: input.name, slug, description: input.description } });
      await recordAudit(tx, {
        actor: ctx.user,
        action: TEAM_AUDIT_ACTIONS.created,
        subject: teamSubject(team.id),
        outcome: "success",
        ip: ctx.ip,
        details: { name: team.name, slug },
      });
      return loadTeam(tx, team.id);
    })
    .catch((err: unknown) => {
      // A concurrent create took the name (or slug) after our check.
      if (uniqueViolation(err)) throw nameTaken(input.name);
      throw err;
    });
}

/** Renames a team or changes its description; the slug (and so catalog ownership) stays. */
export async function updateTeam({ ctx, input }: HandlerArgs<z.infer<typeof updateTeamInput>>): Promise<TeamDetail> {
  return ctx.db
    .$transaction(async (tx) => {
      const before = await tx.team.findUnique({ where: { id: input.teamId } });
      if (!before) throw notFound();
      const alertChannelId = input.alertChannelId === undefined ? before.alertChannelId : input.alertChannelId;
      if (before.name === input.name && before.description === input.description && before.alertChannelId === alertChannelId) return loadTeam(tx, before.id);
      if (alertChannelId && alertChannelId !== before.alertChannelId && !(await tx.alertChannel.findUnique({ where: { id: alertChannelId }, select: { id: true } })))
        throw new DomainError("BAD_REQUEST", "This alert channel no longer exists.", { alertChannelId: ["names a channel that does not exist"] });
      if (before.name.toLowerCase() !== input.name.toLowerCase()) {
        const other = await tx.team.findFirst({ where: { name: { equals: input.name, mode: "insensitive" }, id: { not: before.id } }, select: { id: true } });
        if (other) throw nameTaken(input.name);
      }
      await tx.team.update({ where: { id: before.id }, data: { name: input.name, description: input.description, alertChannelId } });
      await recordAudit(tx, {
        actor: ctx.user,
        action: TEAM_AUDIT_ACTIONS.updated,
        subject: teamSubject(before.id),
        outcome: "success",
        ip: ctx.ip,
        details: {
          before: { name: before.name, description: before.description },
          after: { name: input.name, description: input.description },
          ...(alertChannelId !== before.alertChannelId ? { alertChannel: { before: before.alertChannelId, after: alertChannelId } } : {}),
        },
      });
      return loadTeam(tx, before.id);
    })
    .catch((err: unknown) => {
      if (uniqueViolation(err)) throw nameTaken(input.name);
      throw err;
    });
}

/** Deletes a team after its name is typed again; datasets it owned lose it as an owner. */
export async function deleteTeam({ ctx, input }: HandlerArgs<z.infer<typeof deleteTeamInput>>): Promise<{ deleted: true; datasetsUpdated: number }> {
  return ctx.db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true, name: true, slug: true } });
    if (!team) throw notFound();
    if (input.confirmName !== team.name) {
      throw new DomainError("PRECONDITION_FAILED", `Type the team's name, ${team.name}, to delete it.`, { confirmName: [`Type ${team.name} to confirm.`] });
    }
    const members = await tx.teamMember.count({ where: { teamId: team.id } });
    const ref = teamOwnerRef(team.slug);
    const datasetsUpdated = await tx.$executeRaw`UPDATE catalog_datasets SET owners = array_remove(owners, ${ref}) WHERE owners @> ARRAY[${ref}]::text[]`;
    // Rules keep the id and show the team as deleted (server/alerts/recipients.ts); counted for the audit row.
    const [counted] = await tx.$queryRaw<{ rules: number }[]>`SELECT count(*)::int AS rules FROM alert_rules WHERE ${team.id}::uuid = ANY(team_ids)`;
    const alertRules = counted?.rules ?? 0;
    await tx.team.delete({ where: { id: team.id } });
    await recordAudit(tx, {
      actor: ctx.user,
      action: TEAM_AUDIT_ACTIONS.deleted,
      subject: teamSubject(team.id),
      outcome: "success",
      ip: ctx.ip,
      details: { name: team.name, slug: team.slug, members, datasetsUpdated, alertRules },
    });
    return { deleted: true as const, datasetsUpdated };
  });
}

/**
 * Adds users by e-mail as manual members. A user the sign-in sync had added becomes a manual
 * member: an admin's choice outlives the next sync.
 */
export async function addMembers({ ctx, input }: HandlerArgs<z.infer<typeof addMembersInput>>): Promise<TeamDetail> {
  return ctx.db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true, name: true } });
    if (!team) throw notFound();
    const emails = [...new Set(input.emails)];
    const users = await tx.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true }, orderBy: { email: "asc" } });
    const unknown = emails.filter((e) => !users.some((u) => u.email === e));
    if (unknown.length) {
      throw new DomainError("BAD_REQUEST", `No portal user has the e-mail address ${unknown.join(", ")}.`, { emails: [`unknown user: ${unknown.join(", ")}`] });
    }
    const existing = new Map((await tx.teamMember.findMany({ where: { teamId: team.id, userId: { in: users.map((u) => u.id) } } })).map((m) => [m.userId, m.source]));
    for (const user of users) {
      const source = existing.get(user.id);
      if (source === "manual") continue;
      await tx.teamMember.upsert({
        where: { teamId_userId: { teamId: team.id, userId: user.id } },
        create: { teamId: team.id, userId: user.id, source: "manual" },
        update: { source: "manual" },
      });
      await recordAudit(tx, {
        actor: ctx.user,
        action: TEAM_AUDIT_ACTIONS.memberAdded,
        subject: teamSubject(team.id),
        outcome: "success",
        ip: ctx.ip,
        details: { team: team.name, userId: user.id, email: user.email, source: "manual", ...(source ? { was: source } : {}) },
      });
    }
    return loadTeam(tx, team.id);
  });
}

/** Removes a member, whichever way they joined (a synced member may be added back by the next sync). */
export async function removeMember({ ctx, input }: HandlerArgs<z.infer<typeof removeMemberInput>>): Promise<TeamDetail> {
  return ctx.db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true, name: true } });
    if (!team) throw notFound();
    const membership = await tx.teamMember.findUnique({ where: { teamId_userId: { teamId: team.id, userId: input.userId } } });
    if (!membership) throw new DomainError("NOT_FOUND", "This user is not a member of the team (any more).");
    await tx.teamMember.delete({ where: { teamId_userId: { teamId: team.id, userId: input.userId } } });
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { email: true } });
    await recordAudit(tx, {
      actor: ctx.user,
      action: TEAM_AUDIT_ACTIONS.memberRemoved,
      subject: teamSubject(team.id),
      outcome: "success",
      ip: ctx.ip,
      details: { team: team.name, userId: input.userId, email: user?.email ?? null, source: membership.source },
    });
    return loadTeam(tx, team.id);
  });
}
