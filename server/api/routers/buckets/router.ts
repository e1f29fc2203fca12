// buckets.*: wiring only; each procedure is a handler({ ctx, input }) of server/storage
// (browse.ts, changes.ts, access.ts). Streams (upload, download) are route handlers under app/api/storage.
import { createTRPCRouter, protectedProcedure } from "../../trpc";
import { bucketSummary, downloadLink, listBuckets, listObjects, objectInfo, objectPreview } from "../../../storage/browse";
import { createFolder, deleteEntries, planDelete } from "../../../storage/changes";
import { uploadLimit } from "../../../storage/access";
import { bucketInput, createFolderInput, deleteInput, downloadInput, listObjectsInput, objectInput } from "../../../storage/schemas";

export const bucketsRouter = createTRPCRouter({
  list: protectedProcedure.query(listBuckets),
  summary: protectedProcedure.input(bucketInput).query(bucketSummary),
  objects: protectedProcedure.input(listObjectsInput).query(listObjects),
  object: protectedProcedure.input(objectInput).query(objectInfo),
  preview: protectedProcedure.input(objectInput).query(objectPreview),
  downloadUrl: protectedProcedure.input(downloadInput).mutation(downloadLink),
  /** The largest file the bucket accepts, so the upload panel refuses bigger ones before sending. */
  uploadLimit: protectedProcedure.input(bucketInput).query(uploadLimit),
  createFolder: protectedProcedure.input(createFolderInput).mutation(createFolder),
  deletePlan: protectedProcedure.input(deleteInput).query(planDelete),
  delete: protectedProcedure.input(deleteInput).mutation(deleteEntries),
});
