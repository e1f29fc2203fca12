"use client";
// The editor tabs: click to switch, double-click (or F2) to rename, × to close, + for a new one.
// Arrow keys move between tabs (one tab stop for the whole list, as the ARIA tabs pattern asks);
// drag a tab, or Alt+Shift+←/→, to move it. The end of the bar says where the tabs are kept.
import { useRef, useState, type KeyboardEvent } from "react";
import { LoaderCircle, Pencil, Plus, X } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { useRunStatus } from "../run/use-run-status";
import type { WorkbenchTab } from "./tabs-store";
import type { SyncStatus } from "./tabs-sync";
import { SyncStatusLine } from "./sync-status";

type Props = {
  tabs: WorkbenchTab[];
  activeId: string;
  onActivate: (id: string) => void;
  onClose: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onNew: () => void;
  onMove: (id: string, toIndex: number) => void;
  syncStatus: SyncStatus;
};

export function TabBar({ tabs, activeId, onActivate, onClose, onRename, onNew, onMove, syncStatus }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const focusTab = (id: string) => requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-tab-id="${id}"]`)?.focus());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === activeId);
    const move = (to: number) => {
      const tab = tabs[(to + tabs.length) % tabs.length];
      if (!tab) return;
      event.preventDefault();
      onActivate(tab.id);
      focusTab(tab.id);
    };
    if (event.altKey && event.shiftKey && (event.key === "ArrowLeft" || event.key === "ArrowRight")) {
      event.preventDefault();
      onMove(activeId, index + (event.key === "ArrowRight" ? 1 : -1));
      focusTab(activeId);
    } else if (event.key === "ArrowRight") move(index + 1);
    else if (event.key === "ArrowLeft") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(tabs.length - 1);
    else if (event.key === "F2") {
      event.preventDefault();
      setEditing(activeId);
    }
  };

  return (
    <div className="flex min-w-0 items-end gap-1 border-b border-slate-200 dark:border-slate-800">
      <div ref={listRef} role="tablist" aria-label="Editor tabs" onKeyDown={onKeyDown} className="flex min-w-0 gap-0.5 overflow-x-auto">
        {tabs.map((tab) => (
          <TabItem
            key={tab.id}
            tab={tab}
            dragging={dragged === tab.id}
            onDragStart={() => setDragged(tab.id)}
            onDragEnd={() => setDragged(null)}
            onDropHere={() => {
              if (dragged)
                onMove(
                  dragged,
                  tabs.findIndex((t) => t.id === tab.id),
                );
              setDragged(null);
            }}
            active={tab.id === activeId}
            editing={editing === tab.id}
            onActivate={() => onActivate(tab.id)}
            onStartRename={() => setEditing(tab.id)}
            onRename={(title) => {
              onRename(tab.id, title);
              setEditing(null);
            }}
            onCancelRename={() => setEditing(null)}
            onClose={() => onClose(tab.id)}
          />
        ))}
      </div>
      <button
        type="button"
        onClick={onNew}
        aria-label="New tab"
        title="New tab"
        className={cx(
          "mb-1 flex size-7 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white",
          focusRing,
        )}
      >
        <Plus aria-hidden className="size-4" />
      </button>
      <SyncStatusLine status={syncStatus} />
    </div>
  );
}

function TabItem({
  tab,
  active,
  editing,
  onActivate,
  onStartRename,
  onRename,
  onCancelRename,
  onClose,
  dragging,
  onDragStart,
  onDragEnd,
  onDropHere,
}: {
  dragging: boolean;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDropHere: () => void;
  tab: WorkbenchTab;
  active: boolean;
  editing: boolean;
  onActivate: () => void;
  onStartRename: () => void;
  onRename: (title: string) => void;
  onCancelRename: () => void;
  onClose: () => void;
}) {
  const status = useRunStatus(tab.id);
  return (
    <div
      draggable={!editing}
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", tab.title);
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        onDropHere();
      }}
      className={cx(
        "group relative flex h-9 shrink-0 items-center rounded-t-md border border-b-0 text-sm",
        dragging && "opacity-50",
        active
          ? "border-slate-200 bg-white text-slate-900 after:absolute after:inset-x-0 after:-bottom-px after:h-px after:bg-white dark:border-slate-800 dark:bg-slate-950 dark:text-white dark:after:bg-slate-950"
          : "border-transparent text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-900",
      )}
    >
      {editing ? (
        <input
          autoFocus
          defaultValue={tab.title}
          aria-label="Tab name"
          maxLength={80}
          onFocus={(e) => e.currentTarget.select()}
          onBlur={(e) => onRename(e.currentTarget.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === "Enter") onRename(e.currentTarget.value);
            if (e.key === "Escape") onCancelRename();
          }}
          className="mx-1.5 h-7 w-36 rounded border border-sky-500 bg-white px-1.5 text-sm outline-none dark:bg-slate-900"
        />
      ) : (
        <button
          type="button"
          role="tab"
          aria-selected={active}
          tabIndex={active ? 0 : -1}
          data-tab-id={tab.id}
          onClick={onActivate}
          onDoubleClick={onStartRename}
          title={`${tab.title} — double-click or F2 to rename`}
          className={cx("flex h-full max-w-[14rem] items-center gap-1.5 rounded-t-md pr-1 pl-3", focusRing)}
        >
          {status === "running" && <LoaderCircle aria-label="Running" className="size-3.5 shrink-0 animate-spin text-sky-600 dark:text-sky-400" />}
          {status === "failed" && <span aria-label="Failed" className="size-1.5 shrink-0 rounded-full bg-red-500" />}
          <span className="truncate">{tab.title}</span>
        </button>
      )}
      {!editing && active && (
        <button
          type="button"
          onClick={onStartRename}
          aria-label={`Rename tab ${tab.title}`}
          title="Rename"
          className={cx("rounded p-1 text-slate-400 hover:text-slate-700 dark:hover:text-slate-200", focusRing)}
        >
          <Pencil aria-hidden className="size-3" />
        </button>
      )}
      {!editing && (
        <button
          type="button"
          onClick={onClose}
          aria-label={`Close tab ${tab.title}`}
          title="Close tab"
          className={cx(
            "mr-1 rounded p-1 text-slate-400 hover:bg-slate-200 hover:text-slate-700 dark:hover:bg-slate-700 dark:hover:text-slate-200",
            focusRing,
            !active && "sm:opacity-0 sm:group-hover:opacity-100 sm:focus-visible:opacity-100",
          )}
        >
          <X aria-hidden className="size-3.5" />
        </button>
      )}
    </div>
  );
}
