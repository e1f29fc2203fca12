"use client";
// Uploads from the browser: one XMLHttpRequest per file (fetch cannot report upload progress),
// two at a time, straight to PUT /api/storage/upload which streams into the object store.
// A file that already exists comes back as 409; the user decides whether to replace it. A file
// larger than the bucket accepts is refused here, before a byte is sent, with the server's words
// (the server refuses it too: this only saves the wait).
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { uploadTooLargeMessage } from "@/lib/storage/upload-limit";
import { uploadHref } from "./paths";

/** "refused": never sent (too large); retrying cannot help, so it is not offered. */
export type UploadStatus = "queued" | "uploading" | "done" | "exists" | "error" | "refused" | "cancelled";

export type UploadItem = {
  id: string;
  name: string;
  key: string;
  loaded: number;
  total: number;
  status: UploadStatus;
  error: string | null;
};

const CONCURRENCY = 2;

/** `maxBytes`: the bucket's upload limit (unknown while it loads: the server still checks). */
export function useUploads({ bucket, maxBytes, onUploaded }: { bucket: string; maxBytes: number | null; onUploaded: () => void }) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const files = useRef(new Map<string, { file: File; overwrite: boolean }>());
  const requests = useRef(new Map<string, XMLHttpRequest>());
  // The latest callback for uploads that end later, updated on commit (never during render).
  const onUploadedRef = useRef(onUploaded);
  useLayoutEffect(() => {
    onUploadedRef.current = onUploaded;
  });

  const update = useCallback((id: string, patch: Partial<UploadItem>) => {
    setItems((all) => all.map((item) => (item.id === id ? { ...item, ...patch } : item)));
  }, []);

  const send = useCallback(
    (item: UploadItem) => {
      const entry = files.current.get(item.id);
      if (!entry) return;
      const xhr = new XMLHttpRequest();
      requests.current.set(item.id, xhr);
      xhr.open("PUT", uploadHref(bucket, item.key, entry.overwrite));
      if (entry.file.type) xhr.setRequestHeader("content-type", entry.file.type);
      xhr.upload.onprogress = (e) => update(item.id, { loaded: e.loaded, total: e.lengthComputable ? e.total : item.total });
      xhr.onload = () => {
        requests.current.delete(item.id);
        if (xhr.status === 201) {
          files.current.delete(item.id);
          update(item.id, { status: "done", loaded: item.total });
          onUploadedRef.current();
        } else if (xhr.status === 409) {
          update(item.id, { status: "exists", error: messageOf(xhr) });
        } else {
          update(item.id, { status: "error", error: messageOf(xhr) });
        }
      };
      xhr.onerror = () => {
        requests.current.delete(item.id);
        update(item.id, { status: "error", error: "The upload was interrupted. Check your connection and retry." });
      };
      xhr.onabort = () => {
        requests.current.delete(item.id);
        update(item.id, { status: "cancelled", error: null });
      };
      update(item.id, { status: "uploading", loaded: 0, error: null });
      xhr.send(entry.file);
    },
    [bucket, update],
  );

  // Start queued files while fewer than CONCURRENCY are running.
  useEffect(() => {
    const running = items.filter((i) => i.status === "uploading").length;
    const queued = items.filter((i) => i.status === "queued").slice(0, Math.max(CONCURRENCY - running, 0));
    queued.forEach(send);
  }, [items, send]);

  // Leaving the page ends running uploads (the server then stores nothing for them).
  useEffect(() => () => requests.current.forEach((xhr) => xhr.abort()), []);

  const add = useCallback(
    (list: File[], prefix: string) => {
      const added = list.map((file): UploadItem => {
        const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
        const item = { id, name: file.name, key: `${prefix}${file.name}`, loaded: 0, total: file.size };
        if (maxBytes !== null && file.size > maxBytes) return { ...item, status: "refused", error: uploadTooLargeMessage(bucket, maxBytes, file.size) };
        files.current.set(id, { file, overwrite: false });
        return { ...item, status: "queued", error: null };
      });
      setItems((all) => [...all, ...added]);
    },
    [bucket, maxBytes],
  );

  const cancel = useCallback(
    (id: string) => {
      const xhr = requests.current.get(id);
      if (xhr) xhr.abort();
      else update(id, { status: "cancelled" });
    },
    [update],
  );

  const replace = useCallback(
    (id: string) => {
      const entry = files.current.get(id);
      if (entry) entry.overwrite = true;
      update(id, { status: "queued", error: null });
    },
    [update],
  );

  const retry = useCallback((id: string) => update(id, { status: "queued", error: null }), [update]);

  const clearFinished = useCallback(() => {
    setItems((all) => {
      const keep = all.filter((i) => i.status === "uploading" || i.status === "queued" || i.status === "exists");
      for (const i of all) if (!keep.includes(i)) files.current.delete(i.id);
      return keep;
    });
  }, []);

  return { items, add, cancel, replace, retry, clearFinished };
}

function messageOf(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: string };
    if (body.error) return body.error;
  } catch {
    // not JSON: fall through
  }
  return xhr.status === 413 ? "The file is too large for the server." : `The upload failed (HTTP ${xhr.status}).`;
}
