// Teams as alert recipients. A rule names teams besides channels; a team's alerts go to the
// team's own alert channel (set in Admin › Teams), and the message names the team and its members
// as they are when the alert fires — so a membership or channel change applies to the next alert
// without editing any rule. The delivery model stays one message per channel: a team whose
// channel is also one of the rule's channels gets no second copy (the outbox key is per channel).
// A deleted team's id stays on the rule (no foreign key on an array) and is listed as deleted.
import type { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";

type Reader = Db | Prisma.TransactionClient;

/** How many members' e-mail addresses a message lists per team (the rest are counted). */
export const MEMBERS_PER_MESSAGE = 50;

export type RecipientTeam = { id: string; name: string; channelId: string | null; members: string[]; memberCount: number };
/** A team as a rule shows it: `deleted` when the id no longer names a team. */
export type RuleTeam = { id: string; name: string | null; deleted: boolean; channelName: string | null };

/** The existing teams among `teamIds`, each with its channel and its current members (enabled users). */
export async function recipientTeams(client: Reader, teamIds: readonly string[]): Promise<RecipientTeam[]> {
  if (teamIds.length === 0) return [];
  const teams = await client.team.findMany({ where: { id: { in: [...teamIds] } }, select: { id: true, name: true, alertChannelId: true }, orderBy: { name: "asc" } });
  if (teams.length === 0) return [];
  const members = await client.$queryRaw<{ team_id: string; email: string }[]>`
    SELECT m.team_id::text AS team_id, u.email FROM team_members m JOIN users u ON u.id = m.user_id
     WHERE m.team_id = ANY(${teams.map((t) => t.id)}::uuid[]) AND NOT u.disabled ORDER BY u.email`;
  const byTeam = new Map<string, string[]>();
  for (const m of members) byTeam.set(m.team_id, [...(byTeam.get(m.team_id) ?? []), m.email]);
  return teams.map((t) => {
    const all = byTeam.get(t.id) ?? [];
    return { id: t.id, name: t.name, channelId: t.alertChannelId, members: all.slice(0, MEMBERS_PER_MESSAGE), memberCount: all.length };
  });
}

/** The channels one alert of a rule goes to: the rule's own, then each team's, each once. */
export function deliveryChannels(ruleChannelIds: readonly string[], teams: readonly RecipientTeam[]): string[] {
  return [...new Set([...ruleChannelIds, ...teams.flatMap((t) => (t.channelId ? [t.channelId] : []))])];
}

/** Each rule's teams by rule id, with deleted ones marked (one query for all rules). */
export async function ruleTeams(client: Reader, rules: readonly { id: string; teamIds: string[] }[]): Promise<Map<string, RuleTeam[]>> {
  const ids = [...new Set(rules.flatMap((r) => r.teamIds))];
  const teams = ids.length ? await client.team.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, alertChannelId: true } }) : [];
  const channelIds = teams.flatMap((t) => (t.alertChannelId ? [t.alertChannelId] : []));
  const channels = channelIds.length ? await client.alertChannel.findMany({ where: { id: { in: channelIds } }, select: { id: true, name: true } }) : [];
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  const byId = new Map(teams.map((t) => [t.id, t]));
  return new Map(
    rules.map((r) => [
      r.id,
      r.teamIds.map((id): RuleTeam => {
        const t = byId.get(id);
        return t
          ? { id, name: t.name, deleted: false, channelName: t.alertChannelId ? (channelName.get(t.alertChannelId) ?? null) : null }
          : { id, name: null, deleted: true, channelName: null };
      }),
    ]),
  );
}
