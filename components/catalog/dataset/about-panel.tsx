"use client";
// The side panel of a dataset: owners, tags (classifications stand out), glossary terms,
// freshness and the statistics the engine offers.
import { useState, type ReactNode } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { BookOpen, Pencil, RefreshCw, UserRound, Users } from "lucide-react";
import { errorMessage } from "@/components/lib/trpc-errors";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/form";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton } from "@/components/ui/skeleton";
import { useCatalogTRPC, type DatasetDetail } from "../trpc";
import { formatBytes, formatCount, formatInterval } from "../format";
import { useAfterEdit } from "./use-dataset-edit";
import { LabelEditor } from "./label-editor";
import { StaleBadge, TagBadge } from "./badges";
import { Card } from "./card";

const TAG_PATTERN = /^[a-z0-9][a-z0-9._-]{0,49}$/;
const TEAM_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._&-]{0,79}$/u;

function Section({ title, onEdit, children }: { title: string; onEdit?: () => void; children: ReactNode }) {
  return (
    <div className="border-t border-slate-100 py-3 first:border-t-0 first:pt-0 last:pb-0 dark:border-slate-800">
      <div className="mb-1.5 flex min-h-7 items-center justify-between">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{title}</h3>
        {onEdit && (
          <Button size="sm" variant="ghost" onClick={onEdit} aria-label={`Edit ${title.toLowerCase()}`} className="h-7 px-2">
            <Pencil aria-hidden className="size-3.5" />
          </Button>
        )}
      </div>
      {children}
    </div>
  );
}

export function AboutPanel({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  return (
    <Card title="About">
      <Owners dataset={dataset} canEdit={canEdit} />
      <Tags dataset={dataset} canEdit={canEdit} />
      <Terms dataset={dataset} canEdit={canEdit} />
      <FreshnessSection dataset={dataset} canEdit={canEdit} />
      <StatsSection dataset={dataset} />
      <Section title="Location">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500 dark:text-slate-400">Engine</dt>
          <dd className="min-w-0 break-words text-slate-800 dark:text-slate-200">{dataset.engineLabel}</dd>
          <dt className="text-slate-500 dark:text-slate-400">Name</dt>
          <dd className="min-w-0 font-mono text-xs break-all text-slate-800 dark:text-slate-200">
            {dataset.catalog}.{dataset.schema}.{dataset.name}
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">First seen</dt>
          <dd className="text-slate-800 dark:text-slate-200">
            <LocalTime value={dataset.firstSeenAt} />
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">Last crawled</dt>
          <dd className="text-slate-800 dark:text-slate-200">
            <LocalTime value={dataset.lastSeenAt} />
          </dd>
        </dl>
      </Section>
    </Card>
  );
}

function Owners({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  const catalog = useCatalogTRPC();
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
          placeholder="E-mail of a user, or a team name"
          normalize={(v) => (v.includes("@") ? v.trim().toLowerCase() : v.trim().replace(/\s+/g, " "))}
          check={(v) => (v.includes("@") ? (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : "That is not an e-mail address.") : TEAM_PATTERN.test(v) ? null : "Team names use letters, digits, spaces and . _ & - (up to 80).")}
          onSearch={setSearch}
          onSave={(owners) => save.mutate({ datasetId: dataset.id, owners })}
          onCancel={() => (setEditing(false), save.reset())}
          pending={save.isPending}
          error={save.isError ? errorMessage(save.error) : null}
        />
      ) : dataset.owners.length ? (
        <ul className="space-y-1 text-sm">
          {dataset.owners.map((owner) => (
            <li key={owner} className="flex items-center gap-2 text-slate-800 dark:text-slate-200">
              {owner.includes("@") ? <UserRound aria-hidden className="size-4 text-slate-400" /> : <Users aria-hidden className="size-4 text-slate-400" />}
              <span className="min-w-0 break-all">{owner}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">No owner yet.</p>
      )}
    </Section>
  );
}

function Tags({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  const catalog = useCatalogTRPC();
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
        <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">{dataset.tagDetails.filter((t) => t.kind === "classification").map((t) => t.description).join(" ")}</p>
      )}
    </Section>
  );
}

function Terms({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  const catalog = useCatalogTRPC();
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
              <Input aria-label="Definition of the new term (optional)" value={definition} onChange={(e) => setDefinition(e.target.value)} placeholder={`Define “${search.trim()}” (optional)`} className="h-8" maxLength={2_000} />
            ) : null
          }
          onSave={(values) => save.mutate({ datasetId: dataset.id, terms: values.map((name) => ({ name, ...(definition.trim() && name.toLowerCase() === search.trim().toLowerCase() ? { definition: definition.trim() } : {}) })) })}
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

const INTERVALS = [1, 6, 12, 24, 24 * 7, 24 * 30];

function FreshnessSection({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  const catalog = useCatalogTRPC();
  const afterEdit = useAfterEdit();
  const save = useMutation(catalog.edit.freshness.mutationOptions({ onSuccess: () => afterEdit() }));
  const f = dataset.freshness;
  return (
    <Section title="Freshness">
      <div className="space-y-1.5 text-sm">
        <p className="flex flex-wrap items-center gap-2 text-slate-800 dark:text-slate-200">
          Last change <LocalTime value={f.lastChangeAt} />
          {f.stale && <StaleBadge />}
        </p>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {f.source === "engine" ? "As the engine reports it." : "The last schema change the crawler saw; this engine does not report when the data changed."}
        </p>
        {f.expectedUpdateHours && (
          <p className="text-slate-700 dark:text-slate-300">
            Expected {formatInterval(f.expectedUpdateHours)}
            {f.dueAt && (
              <>
                ; {f.stale ? "overdue since" : "next by"} <LocalTime value={f.dueAt} />
              </>
            )}
          </p>
        )}
        {canEdit && (
          <label className="flex items-center gap-2 pt-1 text-slate-700 dark:text-slate-300">
            <span className="shrink-0">Expected update</span>
            <Select
              value={f.expectedUpdateHours ?? ""}
              onChange={(e) => save.mutate({ datasetId: dataset.id, hours: e.target.value ? Number(e.target.value) : null })}
              disabled={save.isPending}
              className="h-8 w-auto"
            >
              <option value="">Not set</option>
              {[...new Set([...INTERVALS, ...(f.expectedUpdateHours ? [f.expectedUpdateHours] : [])])]
                .sort((a, b) => a - b)
                .map((h) => (
                  <option key={h} value={h}>
                    {formatInterval(h)}
                  </option>
                ))}
            </Select>
          </label>
        )}
        {save.isError && <p className="text-xs text-red-700 dark:text-red-300">{errorMessage(save.error)}</p>}
      </div>
    </Section>
  );
}

function StatsSection({ dataset }: { dataset: DatasetDetail }) {
  const catalog = useCatalogTRPC();
  const [refresh, setRefresh] = useState(false);
  const stats = useQuery({ ...catalog.stats.queryOptions({ datasetId: dataset.id, refresh }), enabled: dataset.engineConfigured && !dataset.removedAt, staleTime: 60_000 });
  return (
    <Section title="Statistics">
      {!dataset.engineConfigured || dataset.removedAt ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">Not available: the dataset is not in a configured engine.</p>
      ) : stats.isError ? (
        <p className="text-sm text-red-700 dark:text-red-300">{errorMessage(stats.error)}</p>
      ) : !stats.data ? (
        <Skeleton className="h-12 w-full" />
      ) : (
        <div className="space-y-1.5 text-sm">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-500 dark:text-slate-400">Rows</dt>
            <dd className="text-slate-800 tabular-nums dark:text-slate-200">{stats.data.rowCount === null ? "—" : `≈ ${formatCount(stats.data.rowCount)}`}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Size</dt>
            <dd className="text-slate-800 tabular-nums dark:text-slate-200">{formatBytes(stats.data.sizeBytes)}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Modified</dt>
            <dd className="text-slate-800 dark:text-slate-200">
              <LocalTime value={stats.data.lastModifiedAt} />
            </dd>
          </dl>
          {stats.data.notes.map((note) => (
            <p key={note} className="text-xs text-slate-500 dark:text-slate-400">
              {note}
            </p>
          ))}
          <Button size="sm" variant="ghost" onClick={() => (refresh ? void stats.refetch() : setRefresh(true))} pending={stats.isFetching} className="-ml-2">
            <RefreshCw aria-hidden className="size-3.5" />
            Ask the engine again
          </Button>
          {stats.data.statsAt && (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Read <LocalTime value={stats.data.statsAt} />
            </p>
          )}
        </div>
      )}
    </Section>
  );
}
