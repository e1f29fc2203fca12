import { createTRPCRouter, protectedProcedure, publicProcedure } from "../../trpc";

export const authRouter = createTRPCRouter({
  /** The signed-in user, or null: lets pages adapt without throwing. */
  session: publicProcedure.query(({ ctx }) => ctx.user),
  /** The signed-in user; UNAUTHORIZED without a session. */
  me: protectedProcedure.query(({ ctx }) => ctx.user),
});
