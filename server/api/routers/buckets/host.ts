// A router holding only buckets.*, at the same path as in the app router, for callers that
// need nothing else: the router tests and scripts/bench-buckets.ts.
import { createTRPCRouter } from "../../trpc";
import { bucketsRouter } from "./router";

export const bucketsHostRouter = createTRPCRouter({ buckets: bucketsRouter });
export type BucketsHostRouter = typeof bucketsHostRouter;
