"use client";
// The dataset's columns: name, type, nullability and description (the steward's, else the
// engine's comment). Editors describe a column in place. Each column's profile (null share, a
// small histogram) sits beside it, with the profile's status above (profile-*.tsx).
import { useState } from "react";
import dynamic from "next/dynamic";
import { useMutation } from "@tanstack/react-query";
import { Check, Pencil, Search, X } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { errorMessage } from "@/components/lib/trpc-errors";
import { Badge } from "@/components/ui/badge";
import { Button, focusRing } from "@/components/ui/button";
import { Input } from "@/components/ui/form";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { plural } from "../format";
import { useAfterEdit } from "./use-dataset-edit";
import { Card } from "./card";
import { useColumnProfiles, type ColumnProfiles } from "./use-column-profiles";

// The profile's pieces load after the page (next/dynamic): the dataset route's first load stays as
// it was, and recharts comes only with a column's details (profile-details.tsx).
const ProfileStatus = dynamic(() => import("./profile-status").then((m) => m.ProfileStatus), { ssr: false, loading: () => <Skeleton className="mb-3 h-9 w-full" /> });
const ProfileCell = dynamic(() => import("./profile-cell").then((m) => m.ProfileCell), {
  ssr: false,
  loading: () => <span className="text-slate-400 dark:text-slate-500">—</span>,
});

type DatasetDetail = RouterOutputs["catalog"]["dataset"];

type Column = DatasetDetail["columns"][number];

export function ColumnsTable({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const columns = needle ? dataset.columns.filter((c) => `${c.name} ${c.type} ${c.description} ${c.engineComment ?? ""}`.toLowerCase().includes(needle)) : dataset.columns;
  const profilable = dataset.engineConfigured && !dataset.removedAt;
  const profiles = useColumnProfiles(dataset.id, profilable);
  return (
    <Card
      id="columns"
      title={
        <>
          Columns <span className="font-normal text-slate-500 dark:text-slate-400">({plural(dataset.columns.length, "column")})</span>
        </>
      }
      action={
        dataset.columns.length > 12 ? (
          <div className="relative w-40 sm:w-56">
            <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
            <Input aria-label="Filter columns" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter columns" className="h-8 pl-8" />
          </div>
        ) : null
      }
    >
      {profilable && <ProfileStatus datasetId={dataset.id} profiles={profiles} engineLabel={dataset.engineLabel} />}
      <div className="-mx-4 overflow-x-auto sm:-mx-5">
        <table className="w-full min-w-[44rem] text-left text-sm">
          <thead className="border-y border-slate-200 bg-slate-50 text-xs font-semibold text-slate-600 uppercase dark:border-slate-800 dark:bg-slate-950/40 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-2 sm:pl-5">
                Name
              </th>
              <th scope="col" className="px-3 py-2">
                Type
              </th>
              {profilable && (
                <th scope="col" className="px-3 py-2">
                  Profile
                </th>
              )}
              <th scope="col" className="px-3 py-2 sm:pr-5">
                Description
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {columns.map((column) => (
              <ColumnRow
                key={column.name}
                datasetId={dataset.id}
                column={column}
                canEdit={canEdit}
                profiles={profilable ? profiles : null}
                index={dataset.columns.indexOf(column)}
              />
            ))}
            {columns.length === 0 && (
              <tr>
                <td colSpan={profilable ? 4 : 3} className="px-5 py-6 text-center text-slate-500 dark:text-slate-400">
                  {dataset.columns.length === 0 ? "The engine reported no columns." : "No column matches the filter."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function ColumnRow({ datasetId, column, canEdit, profiles, index }: { datasetId: string; column: Column; canEdit: boolean; profiles: ColumnProfiles | null; index: number }) {
  const catalog = useTRPC().catalog;
  const afterEdit = useAfterEdit();
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation(
    catalog.edit.columnDescription.mutationOptions({
      onSuccess: async () => {
        setDraft(null);
        await afterEdit();
      },
    }),
  );
  return (
    <tr className="align-top">
      <th scope="row" className="px-4 py-2.5 font-mono text-[13px] font-medium whitespace-nowrap text-slate-900 sm:pl-5 dark:text-slate-100">
        {column.name}
        {!column.nullable && (
          <Badge tone="slate" className="ml-2 font-sans">
            NOT NULL
          </Badge>
        )}
      </th>
      <td className="max-w-[14rem] px-3 py-2.5 font-mono text-xs break-words text-violet-700 dark:text-violet-300">{column.type}</td>
      {profiles && (
        <td className="px-3 py-2">
          <ProfileCell datasetId={datasetId} name={column.name} index={index} profiles={profiles} />
        </td>
      )}
      <td className="min-w-[16rem] px-3 py-2 sm:pr-5">
        {draft !== null ? (
          <form
            className="space-y-1.5"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ datasetId, column: column.name, description: draft.trim() });
            }}
          >
            <div className="flex gap-1.5">
              <Input aria-label={`Description of ${column.name}`} value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={2_000} autoFocus className="h-8" />
              <Button type="submit" size="sm" variant="primary" pending={save.isPending} aria-label="Save column description">
                <Check aria-hidden className="size-4" />
              </Button>
              <Button
                size="sm"
                variant="ghost"
                aria-label="Cancel"
                onClick={() => {
                  setDraft(null);
                  save.reset();
                }}
              >
                <X aria-hidden className="size-4" />
              </Button>
            </div>
            {save.isError && <p className="text-xs text-red-700 dark:text-red-300">{errorMessage(save.error)}</p>}
          </form>
        ) : (
          <div className="group flex items-start gap-2">
            <span className="min-w-0 flex-1 text-slate-700 dark:text-slate-300">
              {column.description ||
                (column.engineComment ? (
                  <span className="text-slate-600 dark:text-slate-400">{column.engineComment}</span>
                ) : (
                  <span className="text-slate-400 dark:text-slate-500">—</span>
                ))}
            </span>
            {canEdit && (
              <button
                type="button"
                onClick={() => setDraft(column.description || column.engineComment || "")}
                aria-label={`Edit the description of ${column.name}`}
                className={cx("-m-1 shrink-0 rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700 dark:hover:bg-slate-800 dark:hover:text-slate-200", focusRing)}
              >
                <Pencil aria-hidden className="size-3.5" />
              </button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
