// Teams as catalog owners: a dataset's `owners` holds users' e-mails and `team:<slug>`
// references. These read the teams behind the references — for the dataset page and the lineage
// impact list (name and members) and for the owners editor (suggestions, and refusing a
// reference to a team that does not exist).
import type { z } from "zod";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { HandlerArgs } from "../handler";
import { likeLiteral } from "../db/like";
import { slugOfOwnerRef, teamOwnerRef } from "./actions";
import type { resolveOwnersInput } from "./schemas";

export type OwnerTeam = { ref: string; id: string; name: string; slug: string; members: { email: string; name: string }[] };

/** Members shown per team beside an owner; the page links to Admin › Teams for the rest. */
const MEMBERS_SHOWN = 20;

/** The teams behind the `team:<slug>` references among `owners`, in one query each for teams and members. */
export async function teamsOfOwners(client: Db | Prisma.TransactionClient, owners: readonly string[]): Promise<OwnerTeam[]> {
  const slugs = [...new Set(owners.flatMap((o) => slugOfOwnerRef(o) ?? []))];
  if (slugs.length === 0) return [];
  const teams = await client.team.findMany({ where: { slug: { in: slugs } }, select: { id: true, name: true, slug: true } });
  if (teams.length === 0) return [];
  const members = await client.$queryRaw<{ team_id: string; email: string; name: string }[]>`
    SELECT m.team_id::text, u.email, u.name FROM team_members m JOIN users u ON u.id = m.user_id
    WHERE m.team_id = ANY(${teams.map((t) => t.id)}::uuid[]) AND NOT u.disabled ORDER BY u.email`;
  return teams.map((t) => ({
    ref: teamOwnerRef(t.slug),
    ...t,
    members: members
      .filter((m) => m.team_id === t.id)
      .slice(0, MEMBERS_SHOWN)
      .map(({ email, name }) => ({ email, name })),
  }));
}

/** teams.resolveOwners: any signed-in user may see who is behind an owner they can already see. */
export async function resolveOwners({ ctx, input }: HandlerArgs<z.infer<typeof resolveOwnersInput>>): Promise<OwnerTeam[]> {
  return teamsOfOwners(ctx.db, input.owners);
}

/** The `team:<slug>` references among `owners` that name no team. */
export async function unknownTeamRefs(client: Db | Prisma.TransactionClient, owners: readonly string[]): Promise<string[]> {
  const refs = owners.filter((o) => slugOfOwnerRef(o) !== null);
  if (refs.length === 0) return [];
  const known = new Set((await teamsOfOwners(client, refs)).map((t) => t.ref));
  return refs.filter((r) => !known.has(r));
}

/** Teams to propose in the owners editor, as owner references with their names. */
export async function teamOwnerSuggestions(client: Db, search: string): Promise<{ ref: string; name: string }[]> {
  const teams = await client.team.findMany({
    where: search ? { OR: [{ name: { contains: likeLiteral(search), mode: "insensitive" } }, { slug: { contains: likeLiteral(search.toLowerCase()) } }] } : {},
    orderBy: { name: "asc" },
    take: 8,
    select: { name: true, slug: true },
  });
  return teams.map((t) => ({ ref: teamOwnerRef(t.slug), name: t.name }));
}
