// connections.*: wiring only; each procedure is a handler({ ctx, input }) of server/connections.
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { createConnection, deleteConnection, getConnection, listConnections, updateConnection } from "../../../connections/connections";
import { testConnection } from "../../../connections/probe";
import { connectionId, createConnectionInput, deleteConnectionInput, testConnectionInput, updateConnectionInput } from "../../../connections/schemas";

export const connectionsRouter = createTRPCRouter({
  list: adminProcedure.query(listConnections),
  get: adminProcedure.input(connectionId).query(getConnection),
  create: adminProcedure.input(createConnectionInput).mutation(createConnection),
  update: adminProcedure.input(updateConnectionInput).mutation(updateConnection),
  delete: adminProcedure.input(deleteConnectionInput).mutation(deleteConnection),
  test: adminProcedure.input(testConnectionInput).mutation(testConnection),
});
