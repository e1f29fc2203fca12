"use client";
// The dataset's description: Markdown (CommonMark + GFM, rendered safely by ../markdown-view),
// written by stewards. The engine's own comment is shown too, as what the engine says.
import { useState } from "react";
import dynamic from "next/dynamic";
import { useMutation } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { errorMessage } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/form";
import { LocalTime } from "@/components/ui/local-time";
import { useTRPC } from "@/components/trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { useAfterEdit } from "./use-dataset-edit";
import { Card } from "./card";

// The Markdown renderer (react-markdown + remark-gfm, ~44 kB gzip) loads after the page, only
// where a description is shown: the dataset page's first-load JS stays where it was without it.
const Markdown = dynamic(() => import("../markdown-view").then((m) => m.Markdown), {
  loading: () => <div className="h-5 w-2/3 animate-pulse rounded bg-slate-100 dark:bg-slate-800" aria-label="Loading the description" />,
});

type DatasetDetail = RouterOutputs["catalog"]["dataset"];

export function DescriptionCard({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  const catalog = useTRPC().catalog;
  const afterEdit = useAfterEdit();
  const [draft, setDraft] = useState<{ text: string; base: string } | null>(null);
  const [preview, setPreview] = useState(false);
  const save = useMutation(
    catalog.edit.description.mutationOptions({
      onSuccess: async () => {
        setDraft(null);
        setPreview(false);
        await afterEdit();
      },
    }),
  );

  const action =
    canEdit && !draft ? (
      <Button size="sm" variant="ghost" onClick={() => setDraft({ text: dataset.description, base: dataset.description })}>
        <Pencil aria-hidden className="size-4" />
        Edit
      </Button>
    ) : null;

  return (
    <Card title="Description" action={action}>
      {draft ? (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ datasetId: dataset.id, description: draft.text, previous: draft.base });
          }}
        >
          <div role="tablist" aria-label="Description editor" className="flex gap-1 text-sm">
            {(["Write", "Preview"] as const).map((tab) => (
              <button
                key={tab}
                type="button"
                role="tab"
                aria-selected={(tab === "Preview") === preview}
                onClick={() => setPreview(tab === "Preview")}
                className={cx(
                  "rounded-md px-2.5 py-1 font-medium",
                  (tab === "Preview") === preview
                    ? "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white"
                    : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
                )}
              >
                {tab}
              </button>
            ))}
          </div>
          {preview ? (
            <div className="min-h-40 rounded-md border border-slate-200 p-3 dark:border-slate-800">
              {draft.text.trim() ? <Markdown source={draft.text} /> : <p className="text-sm text-slate-500">Nothing to preview.</p>}
            </div>
          ) : (
            <textarea
              aria-label="Description (Markdown)"
              value={draft.text}
              onChange={(e) => setDraft({ ...draft, text: e.target.value })}
              rows={8}
              maxLength={20_000}
              autoFocus
              className={cx(controlClasses, "w-full py-2 font-mono text-[13px] leading-5")}
              placeholder="What is in this dataset, where it comes from, how to use it. Markdown: **bold**, _italic_, `code`, [links](https://…), lists."
            />
          )}
          {save.isError && <Alert tone="error">{errorMessage(save.error)}</Alert>}
          <div className="flex flex-wrap justify-end gap-2">
            <Button
              variant="secondary"
              onClick={() => {
                setDraft(null);
                save.reset();
              }}
            >
              Cancel
            </Button>
            <Button type="submit" variant="primary" pending={save.isPending}>
              Save description
            </Button>
          </div>
        </form>
      ) : dataset.description.trim() ? (
        <>
          <Markdown source={dataset.description} />
          {dataset.descriptionUpdatedAt && (
            <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
              Edited by {dataset.descriptionUpdatedBy ?? "someone"}, <LocalTime value={dataset.descriptionUpdatedAt} />
            </p>
          )}
        </>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">{canEdit ? "No description yet. Say what this dataset holds and how to use it." : "No description yet."}</p>
      )}
      {dataset.engineComment && !draft && (
        <p className="mt-3 border-t border-slate-100 pt-3 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
          <span className="font-medium text-slate-700 dark:text-slate-300">From the engine: </span>
          {dataset.engineComment}
        </p>
      )}
    </Card>
  );
}
