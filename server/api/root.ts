// The portal's tRPC API: one router per feature folder.
import { createCallerFactory, createTRPCRouter } from "./trpc";
import { authRouter } from "./routers/auth/router";
import { usersRouter } from "./routers/users/router";
import { auditRouter } from "./routers/audit/router";
import { sqlRouter } from "./routers/sql/router";
import { bucketsRouter } from "./routers/buckets/router";
import { catalogRouter } from "./routers/catalog/router";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  users: usersRouter,
  audit: auditRouter,
  sql: sqlRouter,
  buckets: bucketsRouter,
  catalog: catalogRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
