"use client";
// Runs the tab sync (tabs-sync.ts) for the workbench: one per store, over tRPC, pulled again when
// the page comes back into view or the network returns, and every 15 s while it is shown.
import { useEffect, useState, useSyncExternalStore } from "react";
import { useTRPCClient } from "@/components/trpc/react";
import { errorCode, errorMessage } from "@/components/lib/trpc-errors";
import type { TabsStore } from "./tabs-store";
import { SyncError, TabsSync, type SyncNotice, type SyncStatus, type TabsTransport } from "./tabs-sync";
import { deviceLabel } from "./device-label";

const syncs = new WeakMap<TabsStore, TabsSync>();
/** Refusals that sending again cannot fix. */
const FINAL = new Set(["BAD_REQUEST", "PAYLOAD_TOO_LARGE", "FORBIDDEN", "UNAUTHORIZED"]);

/** The most a first visit waits for the account's tabs before showing its own empty tab. */
const FIRST_LOAD_WAIT_MS = 2_000;

/**
 * The sync's status, and whether to show the tabs yet: at once when this browser has tabs of its
 * own (instant, offline too); on a first visit once the account's tabs are here (at most 2 s), so
 * the editor does not open an empty tab and then swap it for the account's under the cursor.
 */
export function useTabsSync(store: TabsStore, handlers: { onNotice: (notice: SyncNotice) => void; onRemoteText: (ids: string[]) => void }): { status: SyncStatus; ready: boolean } {
  const client = useTRPCClient();
  const [sync] = useState(() => {
    let existing = syncs.get(store);
    if (!existing) {
      const transport: TabsTransport = {
        sync: (request) =>
          client.sql.tabs.sync.mutate(request).catch((err: unknown) => {
            const code = errorCode(err);
            throw new SyncError(errorMessage(err), !(code && FINAL.has(code)));
          }),
      };
      existing = new TabsSync(store, transport, { writer: crypto.randomUUID(), device: deviceLabel(navigator.userAgent) });
      syncs.set(store, existing);
    }
    return existing;
  });
  const { onNotice, onRemoteText } = handlers;
  const [waitForServer] = useState(() => store.pristine);
  const [waitedLongEnough, setWaitedLongEnough] = useState(false);
  useEffect(() => {
    if (!waitForServer) return;
    const timer = setTimeout(() => setWaitedLongEnough(true), FIRST_LOAD_WAIT_MS);
    return () => clearTimeout(timer);
  }, [waitForServer]);

  useEffect(() => {
    sync.start();
    const now = () => document.visibilityState === "visible" && void sync.syncNow();
    const offline = () => sync.wentOffline();
    window.addEventListener("online", now);
    window.addEventListener("focus", now);
    window.addEventListener("offline", offline);
    document.addEventListener("visibilitychange", now);
    if (!navigator.onLine) offline();
    return () => {
      window.removeEventListener("online", now);
      window.removeEventListener("focus", now);
      window.removeEventListener("offline", offline);
      document.removeEventListener("visibilitychange", now);
      sync.stop();
    };
  }, [sync]);

  useEffect(() => sync.onNotice(onNotice), [sync, onNotice]);
  useEffect(() => sync.onRemoteText(onRemoteText), [sync, onRemoteText]);

  const status = useSyncExternalStore(sync.subscribeStatus, sync.getStatus, sync.getStatus);
  const answered = useSyncExternalStore(sync.subscribeStatus, sync.isAnswered, sync.isAnswered);
  return { status, ready: !waitForServer || answered || waitedLongEnough };
}
