"use client";
// Admin › Settings: the portal's settings in sections, each saved on its own. A setting an
// environment variable sets is shown locked with the variable's name (the environment wins).
import { useCallback, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { Alert } from "@/components/ui/alert";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import { SETTING_GROUPS } from "@/lib/settings/definitions";
import { SettingCard } from "./setting-card";
import { useUnsavedGuard } from "./unsaved-guard";

export function SettingsAdmin() {
  const trpc = useTRPC();
  const list = useQuery(trpc.settings.list.queryOptions());
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());
  const onDirtyChange = useCallback(
    (key: string, isDirty: boolean) =>
      setDirty((current) => {
        if (current.has(key) === isDirty) return current;
        const next = new Set(current);
        if (isDirty) next.add(key);
        else next.delete(key);
        return next;
      }),
    [],
  );
  useUnsavedGuard(dirty.size > 0);
  if (list.isPending) return <SkeletonRows label="Loading the settings" rows={5} height="h-16" />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-white">Settings</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Changes apply on every replica within a few seconds, without a restart. A setting whose environment variable is set is locked: the environment wins.
        </p>
      </div>
      {dirty.size > 0 && (
        <Alert tone="info">{dirty.size === 1 ? "1 setting has unsaved changes." : `${dirty.size} settings have unsaved changes.`} Save each one, or discard its changes.</Alert>
      )}
      {SETTING_GROUPS.map((group) => {
        const settings = list.data.filter((s) => s.group === group);
        if (settings.length === 0) return null;
        return (
          <section key={group} aria-labelledby={`group-${group}`} className="space-y-3">
            <h2 id={`group-${group}`} className="text-base font-semibold text-slate-900 dark:text-white">
              {group}
            </h2>
            {settings.map((view) => (
              <SettingCard key={view.key} view={view} onDirtyChange={onDirtyChange} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
