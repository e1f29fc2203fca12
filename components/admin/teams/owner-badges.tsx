"use client";
// Owners as badges for lists (the lineage impact list): users by e-mail, teams (`team:<slug>`)
// by their name, with the members in the tooltip. One query for all the teams of the list.
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { useTRPC } from "@/components/trpc/react";

/** The teams behind the `team:` owners among `owners`, resolved in one query. */
export function useOwnerTeams(owners: readonly string[]) {
  const refs = [...new Set(owners.filter((o) => o.startsWith("team:")))].sort();
  const teams = useQuery({ ...useTRPC().teams.resolveOwners.queryOptions({ owners: refs }), enabled: refs.length > 0, staleTime: 60_000 });
  return new Map((teams.data ?? []).map((t) => [t.ref, t]));
}

export function OwnerBadges({ owners, teams }: { owners: readonly string[]; teams: ReturnType<typeof useOwnerTeams> }) {
  return owners.map((o) => {
    const team = teams.get(o);
    if (!team) return <Badge key={o}>{o}</Badge>;
    const members = team.members.map((m) => m.email).join(", ");
    return (
      <Badge key={o} tone="violet" className="max-w-full">
        <span title={members ? `Members: ${members}` : "No members yet"}>
          {team.name} <span className="font-normal">(team of {team.members.length})</span>
        </span>
      </Badge>
    );
  });
}
