// A router holding only buckets.*, under the same path as in the app router. Until root.ts
// wires `buckets: bucketsRouter`, pages type their tRPC proxies with it (the paths, and so the
// query keys, are the same); tests build callers from it.
import { createTRPCRouter } from "../../trpc";
import { bucketsRouter } from "./router";

export const bucketsHostRouter = createTRPCRouter({ buckets: bucketsRouter });
export type BucketsHostRouter = typeof bucketsHostRouter;
