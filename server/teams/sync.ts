// Team sync from single sign-on: at every SSO sign-in, the groups in one claim (e.g. `groups`,
// optionally only those starting with a prefix, which is stripped) become the user's `oidc`
// memberships. Only `oidc` memberships are added or removed here, so a membership an admin set by
// hand (`manual`) survives every sign-in — the failure of other portals' group sync this avoids.
//
// Teams named by the claim that do not exist yet are created. A claim that is missing altogether
// changes nothing (the provider may have stopped sending it by mistake: wiping every synced
// membership on that would be the worse error); a claim that is present and empty removes the
// user's synced memberships.
import type { z } from "zod";
import type { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import { recordAudit } from "../audit/audit";
import { DomainError } from "../errors";
import type { HandlerArgs } from "../handler";
import { claimAt, type Claims } from "../auth/oidc/rules";
import { TEAM_AUDIT_ACTIONS, teamSubject } from "./actions";
import { teamName, type updateTeamSyncInput } from "./schemas";
import { slugify } from "./teams";

type Tx = Prisma.TransactionClient;

/** At most this many groups of one sign-in are turned into teams (a runaway claim creates no flood). */
export const MAX_SYNCED_GROUPS = 100;

export type TeamSyncSettingsView = { enabled: boolean; claim: string; prefix: string; version: number; updatedAt: Date | null; updatedBy: string | null };

export async function loadTeamSyncSettings(client: Tx | Db): Promise<TeamSyncSettingsView> {
  const row = await client.teamSyncSettings.findUnique({ where: { id: 1 } });
  return row
    ? { enabled: row.enabled, claim: row.claim, prefix: row.prefix, version: row.version, updatedAt: row.updatedAt, updatedBy: row.updatedBy }
    : { enabled: false, claim: "groups", prefix: "", version: 0, updatedAt: null, updatedBy: null };
}

export async function getTeamSync({ ctx }: HandlerArgs): Promise<TeamSyncSettingsView> {
  return loadTeamSyncSettings(ctx.db);
}

export async function updateTeamSync({ ctx, input }: HandlerArgs<z.infer<typeof updateTeamSyncInput>>): Promise<TeamSyncSettingsView> {
  return ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('portal.teams.sync-settings'))`;
    const before = await loadTeamSyncSettings(tx);
    if (before.version !== input.version) {
      throw new DomainError(
        "CONFLICT",
        `${before.updatedBy ?? "Another admin"} changed the team sync settings after you opened them. Reload to see their change, then apply yours again.`,
      );
    }
    const data = { enabled: input.enabled, claim: input.claim, prefix: input.prefix, version: before.version + 1, updatedBy: ctx.user.email };
    await tx.teamSyncSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await recordAudit(tx, {
      actor: ctx.user,
      action: TEAM_AUDIT_ACTIONS.syncSettingsChanged,
      subject: "team sync",
      outcome: "success",
      ip: ctx.ip,
      details: { before: { enabled: before.enabled, claim: before.claim, prefix: before.prefix }, after: { enabled: input.enabled, claim: input.claim, prefix: input.prefix } },
    });
    return loadTeamSyncSettings(tx);
  });
}

/** The team names a claim value yields: strings (an array, or one space-separated string) with the prefix, stripped. */
export function groupsToTeamNames(value: unknown, prefix: string): string[] {
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(/\s+/) : [];
  const names = new Map<string, string>();
  for (const item of items) {
    if (typeof item !== "string" || !item.startsWith(prefix)) continue;
    // Keycloak sends group paths ("/data/platform"); the last part is the name.
    const raw = item.slice(prefix.length).replace(/^\/+/, "").trim();
    const parsed = teamName.safeParse(raw.replace(/\//g, " "));
    if (parsed.success && !names.has(parsed.data.toLowerCase())) names.set(parsed.data.toLowerCase(), parsed.data);
    if (names.size >= MAX_SYNCED_GROUPS) break;
  }
  return [...names.values()];
}

export type TeamSyncResult = { skipped: "disabled" | "claim_missing" } | { skipped: null; added: string[]; removed: string[]; createdTeams: string[] };

/**
 * Brings a signed-in user's `oidc` memberships in line with the claim. Runs inside the sign-in's
 * transaction (server/auth/oidc/sign-in.ts), so the memberships commit with the sign-in.
 */
export async function syncTeamsAtSignIn(tx: Tx, user: { id: string; email: string }, claims: Claims): Promise<TeamSyncResult> {
  const settings = await loadTeamSyncSettings(tx);
  if (!settings.enabled) return { skipped: "disabled" };
  const value = claimAt(claims, settings.claim);
  if (value === undefined || value === null) return { skipped: "claim_missing" };
  const names = groupsToTeamNames(value, settings.prefix);

  // Existing teams by name (any case) or by the slug the name would get.
  const slugs = names.map(slugify);
  const found = names.length
    ? await tx.$queryRaw<{ id: string; name: string; slug: string }[]>`
        SELECT id::text, name, slug FROM teams WHERE lower(name) = ANY(${names.map((n) => n.toLowerCase())}::text[]) OR slug = ANY(${slugs}::text[])`
    : [];
  const teamOf = (name: string) => found.find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? found.find((t) => t.slug === slugify(name));
  const missing = names.filter((n) => !teamOf(n));
  const createdTeams: string[] = [];
  if (missing.length) {
    // ON CONFLICT DO NOTHING: a concurrent sign-in may create the same team first.
    await tx.team.createMany({ data: missing.map((name) => ({ name, slug: slugify(name), description: "Created by single sign-on team sync." })), skipDuplicates: true });
    const created = await tx.team.findMany({ where: { slug: { in: missing.map(slugify) } }, select: { id: true, name: true, slug: true } });
    for (const team of created) {
      if (!found.some((f) => f.id === team.id)) {
        found.push(team);
        createdTeams.push(team.name);
        await recordAudit(tx, {
          actor: null,
          action: TEAM_AUDIT_ACTIONS.created,
          subject: teamSubject(team.id),
          outcome: "success",
          details: { name: team.name, slug: team.slug, source: "oidc", forUser: user.email },
        });
      }
    }
  }
  const wanted = new Set(names.flatMap((n) => teamOf(n)?.id ?? []));

  const current = await tx.teamMember.findMany({ where: { userId: user.id }, select: { teamId: true, source: true } });
  const has = new Set(current.map((m) => m.teamId));
  const toRemove = current.filter((m) => m.source === "oidc" && !wanted.has(m.teamId)).map((m) => m.teamId);
  const toAdd = [...wanted].filter((id) => !has.has(id));
  if (toRemove.length) await tx.teamMember.deleteMany({ where: { userId: user.id, source: "oidc", teamId: { in: toRemove } } });
  if (toAdd.length) await tx.teamMember.createMany({ data: toAdd.map((teamId) => ({ teamId, userId: user.id, source: "oidc" })), skipDuplicates: true });

  const nameOf = async (ids: string[]) => (ids.length ? (await tx.team.findMany({ where: { id: { in: ids } }, select: { name: true } })).map((t) => t.name).sort() : []);
  const added = await nameOf(toAdd);
  const removed = toRemove.length ? await removedNames(tx, toRemove, found) : [];
  if (added.length || removed.length) {
    await recordAudit(tx, {
      actor: null,
      action: TEAM_AUDIT_ACTIONS.synced,
      subject: user.email,
      outcome: "success",
      details: { userId: user.id, added, removed, claim: settings.claim },
    });
  }
  return { skipped: null, added, removed, createdTeams };
}

async function removedNames(tx: Tx, ids: string[], known: { id: string; name: string }[]): Promise<string[]> {
  const rows = await tx.team.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return ids.map((id) => rows.find((r) => r.id === id)?.name ?? known.find((k) => k.id === id)?.name ?? id).sort();
}
