// The portal's tRPC API: one router per feature folder.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { createCallerFactory, createTRPCRouter } from "./trpc";
import { authRouter } from "./routers/auth/router";
import { usersRouter } from "./routers/users/router";
import { auditRouter } from "./routers/audit/router";
import { sqlRouter } from "./routers/sql/router";
import { bucketsRouter } from "./routers/buckets/router";
import { catalogRouter } from "./routers/catalog/router";
import { lineageRouter } from "./routers/lineage/router";
import { tokensRouter } from "./routers/tokens/router";
import { pipelinesRouter } from "./routers/pipelines/router";
import { alertsRouter } from "./routers/alerts/router";
import { ssoRouter } from "./routers/sso/router";
import { connectionsRouter } from "./routers/connections/router";
import { orchestratorRouter } from "./routers/orchestrator/router";
import { teamsRouter } from "./routers/teams/router";
import { settingsRouter } from "./routers/settings/router";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  users: usersRouter,
  audit: auditRouter,
  sql: sqlRouter,
  buckets: bucketsRouter,
  catalog: catalogRouter,
  lineage: lineageRouter,
  tokens: tokensRouter,
  pipelines: pipelinesRouter,
  alerts: alertsRouter,
  sso: ssoRouter,
  connections: connectionsRouter,
  orchestrator: orchestratorRouter,
  teams: teamsRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;
/** Input and output types of every procedure, inferred once for the components: `RouterOutputs["catalog"]["dataset"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const createCaller = createCallerFactory(appRouter);
