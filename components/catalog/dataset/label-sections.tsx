"use client";
// Owners, tags and glossary terms of a dataset, each editable by editors.
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { BookOpen, UserRound, Users } from "lucide-react";
import { errorMessage } from "@/components/lib/trpc-errors";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { Input } from "@/components/ui/form";
import { useTRPC } from "@/components/trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { useAfterEdit } from "./use-dataset-edit";
import { LabelEditor } from "./label-editor";
import { TagBadge } from "./badges";
import { Section } from "./section";

type DatasetDetail = RouterOutputs["catalog"]["dataset"];

const TAG_PATTERN = /^[a-z0-9][a-z0-9._-]{0,49}$/;
const TEAM_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._&-]{0,79}$/u;
/** A team of Admin › Teams, as owners store it (server/teams/actions.ts). */
const TEAM_REF_PATTERN = /^team:[\p{L}\p{N}][\p{L}\p{N}-]{0,59}$/u;

export function Owners({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  const catalog = useTRPC().catalog;
  const afterEdit = useAfterEdit();
  const [editing, setEditing] = useState(false);
  const [search, setSearch] = useState("");
  const debounced = useDebouncedValue(search, 200);
  const suggestions = useQuery({ ...catalog.ownerSuggestions.queryOptions({ search: debounced }), enabled: editing });
  const save = useMutation(catalog.edit.owners.mutationOptions({ onSuccess: async () => (setEditing(false), await afterEdit()) }));
  return (
    <Section title="Owners" onEdit={canEdit && !editing ? () => setEditing(true) : undefined}>
      {editing ? (
        <LabelEditor
          label="Owners"
          initial={dataset.owners}
          suggestions={[...(suggestions.data?.users.map((u) => u.email) ?? []), ...(suggestions.data?.teams ?? [])]}
          placeholder="E-mail of a user, or a team (team:…)"
          normalize={(v) => (v.includes("@") ? v.trim().toLowerCase() : v.trim().replace(/\s+/g, " "))}
          check={(v) =>
            v.includes("@")
              ? /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)
                ? null
                : "That is not an e-mail address."
              : TEAM_REF_PATTERN.test(v) || TEAM_PATTERN.test(v)
                ? null
                : "Team names use letters, digits, spaces and . _ & - (up to 80)."
          }
          onSearch={setSearch}
          onSave={(owners) => save.mutate({ datasetId: dataset.id, owners })}
          onCancel={() => (setEditing(false), save.reset())}
          pending={save.isPending}
          error={save.isError ? errorMessage(save.error) : null}
        />
      ) : dataset.owners.length ? (
        <OwnerList owners={dataset.owners} />
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">No owner yet.</p>
      )}
    </Section>
  );
}

/** Owners as people see them: users by e-mail, teams by name with their members. */
function OwnerList({ owners }: { owners: string[] }) {
  const teamRefs = owners.filter((o) => o.startsWith("team:"));
  const teams = useQuery({ ...useTRPC().teams.resolveOwners.queryOptions({ owners: teamRefs }), enabled: teamRefs.length > 0 });
  return (
    <ul className="space-y-1.5 text-sm">
      {owners.map((owner) => {
        const team = owner.startsWith("team:") ? teams.data?.find((t) => t.ref === owner) : undefined;
        return (
          <li key={owner} className="flex items-start gap-2 text-slate-800 dark:text-slate-200">
            {owner.includes("@") ? (
              <UserRound aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-400" />
            ) : (
              <Users aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-400" />
            )}
            {team ? (
              <span className="min-w-0">
                <span className="font-medium">{team.name}</span> <span className="text-xs text-slate-500 dark:text-slate-400">team</span>
                <span className="block text-xs break-all text-slate-500 dark:text-slate-400">
                  {team.members.length ? team.members.map((m) => m.email).join(", ") : "no members yet"}
                </span>
              </span>
            ) : owner.startsWith("team:") && teams.isSuccess ? (
              <span className="min-w-0 break-all">
                {owner.slice("team:".length)} <span className="text-xs text-amber-700 dark:text-amber-400">(team deleted)</span>
              </span>
            ) : (
              <span className="min-w-0 break-all">{owner}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function Tags({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  const catalog = useTRPC().catalog;
  const afterEdit = useAfterEdit();
  const [editing, setEditing] = useState(false);
  const tags = useQuery({ ...catalog.tags.queryOptions(), enabled: editing });
  const save = useMutation(catalog.edit.tags.mutationOptions({ onSuccess: async () => (setEditing(false), await afterEdit()) }));
  return (
    <Section title="Tags" onEdit={canEdit && !editing ? () => setEditing(true) : undefined}>
      {editing ? (
        <LabelEditor
          label="Tags"
          initial={dataset.tags}
          suggestions={tags.data?.map((t) => t.name) ?? []}
          placeholder="e.g. pii, finance"
          normalize={(v) => v.trim().toLowerCase()}
          check={(v) => (TAG_PATTERN.test(v) ? null : "Tags use lower-case letters, digits, dots, dashes and underscores (up to 50).")}
          onSave={(values) => save.mutate({ datasetId: dataset.id, tags: values })}
          onCancel={() => (setEditing(false), save.reset())}
          pending={save.isPending}
          error={save.isError ? errorMessage(save.error) : null}
        />
      ) : dataset.tagDetails.length ? (
        <ul className="flex flex-wrap gap-1.5">
          {dataset.tagDetails.map((tag) => (
            <li key={tag.name}>
              <TagBadge name={tag.name} classification={tag.kind === "classification"} title={tag.description || undefined} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">No tags.</p>
      )}
      {!editing && dataset.tagDetails.some((t) => t.kind === "classification") && (
        <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">
          {dataset.tagDetails
            .filter((t) => t.kind === "classification")
            .map((t) => t.description)
            .join(" ")}
        </p>
      )}
    </Section>
  );
}

export function Terms({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  const catalog = useTRPC().catalog;
  const afterEdit = useAfterEdit();
  const [editing, setEditing] = useState(false);
  const [search, setSearch] = useState("");
  const [definition, setDefinition] = useState("");
  const debounced = useDebouncedValue(search, 200);
  const glossary = useQuery({ ...catalog.glossary.queryOptions({ search: debounced }), enabled: editing });
  const save = useMutation(
    catalog.edit.glossaryTerms.mutationOptions({
      onSuccess: async () => {
        setEditing(false);
        setDefinition("");
        await afterEdit();
      },
    }),
  );
  const known = new Set([...(glossary.data?.map((t) => t.name.toLowerCase()) ?? []), ...dataset.glossaryTerms.map((t) => t.toLowerCase())]);
  const isNew = search.trim() !== "" && !known.has(search.trim().toLowerCase());
  return (
    <Section title="Glossary terms" onEdit={canEdit && !editing ? () => setEditing(true) : undefined}>
      {editing ? (
        <LabelEditor
          label="Glossary terms"
          initial={dataset.glossaryTerms}
          suggestions={glossary.data?.map((t) => t.name) ?? []}
          placeholder="e.g. Revenue"
          normalize={(v) => v.trim().replace(/\s+/g, " ")}
          check={(v) => (v.length <= 80 ? null : "Terms are at most 80 characters.")}
          onSearch={setSearch}
          extra={
            isNew ? (
              <Input
                aria-label="Definition of the new term (optional)"
                value={definition}
                onChange={(e) => setDefinition(e.target.value)}
                placeholder={`Define “${search.trim()}” (optional)`}
                className="h-8"
                maxLength={2_000}
              />
            ) : null
          }
          onSave={(values) =>
            save.mutate({
              datasetId: dataset.id,
              terms: values.map((name) => ({ name, ...(definition.trim() && name.toLowerCase() === search.trim().toLowerCase() ? { definition: definition.trim() } : {}) })),
            })
          }
          onCancel={() => (setEditing(false), save.reset())}
          pending={save.isPending}
          error={save.isError ? errorMessage(save.error) : null}
        />
      ) : dataset.termDetails.length ? (
        <ul className="space-y-1.5 text-sm">
          {dataset.termDetails.map((term) => (
            <li key={term.name}>
              <span className="flex items-center gap-1.5 font-medium text-slate-800 dark:text-slate-200">
                <BookOpen aria-hidden className="size-3.5 text-slate-400" />
                {term.name}
              </span>
              {term.definition && <span className="block pl-5 text-slate-600 dark:text-slate-400">{term.definition}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">No glossary terms.</p>
      )}
    </Section>
  );
}
