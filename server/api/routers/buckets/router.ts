// buckets.*: wiring only; the rules are in server/storage (browse.ts, changes.ts, access.ts).
// Streams (upload, download) are route handlers under app/api/storage.
import { createTRPCRouter, protectedProcedure } from "../../trpc";
import { bucketSummary, downloadLink, listBuckets, listObjects, objectInfo, objectPreview } from "../../../storage/browse";
import { createFolder, deleteEntries, planDelete } from "../../../storage/changes";
import { uploadLimit } from "../../../storage/access";
import { bucketInput, createFolderInput, deleteInput, downloadInput, listObjectsInput, objectInput } from "./schemas";

export const bucketsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listBuckets(ctx.user)),
  summary: protectedProcedure.input(bucketInput).query(({ ctx, input }) => bucketSummary(ctx.user, input)),
  objects: protectedProcedure.input(listObjectsInput).query(({ ctx, input }) => listObjects(ctx.user, input)),
  object: protectedProcedure.input(objectInput).query(({ ctx, input }) => objectInfo(ctx.user, input)),
  preview: protectedProcedure.input(objectInput).query(({ ctx, input }) => objectPreview(ctx.user, input)),
  downloadUrl: protectedProcedure.input(downloadInput).mutation(async ({ ctx, input }) => ({ url: await downloadLink(ctx.user, input) })),
  /** The largest file the bucket accepts, so the upload panel refuses bigger ones before sending. */
  uploadLimit: protectedProcedure.input(bucketInput).query(({ ctx, input }) => uploadLimit(ctx.user.role, input.bucket)),
  createFolder: protectedProcedure.input(createFolderInput).mutation(({ ctx, input }) => createFolder(ctx.user, input, undefined, { ip: ctx.ip })),
  deletePlan: protectedProcedure.input(deleteInput).query(({ ctx, input }) => planDelete(ctx.user, input)),
  delete: protectedProcedure.input(deleteInput).mutation(({ ctx, input }) => deleteEntries(ctx.user, input, { ip: ctx.ip })),
});
