// Previews of data files, each read with as few bytes as it needs: text, CSV, TSV and NDJSON
// from the first 64 KB, JSON up to 1 MB, Parquet footer + first pages, images by signed URL.
import type { ObjectDetails, ObjectStore } from "../object-store";
import { previewDelimited, type TablePreview } from "./csv";
import { previewJson, previewNdjson, type JsonPreview } from "./json";
import { previewKindOf } from "./kinds";
import { previewParquet, type ParquetPreview } from "./parquet";
import { previewText, type TextPreview } from "./text";

export type ImagePreview = { kind: "image"; url: string };
export type NoPreview = { kind: "none"; reason: string };
export type Preview = TablePreview | JsonPreview | TextPreview | ParquetPreview | ImagePreview | NoPreview;

export const MAX_IMAGE_PREVIEW_BYTES = 20 * 1024 * 1024;

export async function previewObject(store: ObjectStore, bucket: string, details: ObjectDetails): Promise<Preview> {
  const { key, size } = details;
  const kind = previewKindOf(key, details.contentType);
  switch (kind) {
    case "parquet":
      return previewParquet(store, bucket, key, size);
    case "csv":
    case "tsv":
      return previewDelimited(store, bucket, key, size, kind);
    case "json":
      return previewJson(store, bucket, key, size);
    case "ndjson":
      return previewNdjson(store, bucket, key, size);
    case "text":
      return previewText(store, bucket, key, size);
    case "image":
      if (size > MAX_IMAGE_PREVIEW_BYTES) return { kind: "none", reason: "This image is too large to preview; download it instead." };
      return {
        kind: "image",
        url: await store.downloadLink(bucket, key, { expiresInSeconds: 15 * 60, disposition: "inline", filename: key.slice(key.lastIndexOf("/") + 1) }),
      };
    case "none":
      return { kind: "none", reason: `No preview for ${details.contentType} files; download the file to open it.` };
  }
}
