// auth.*: wiring only; the handlers are in server/auth/sessions.ts.
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../../trpc";
import { currentUser, signedInUser } from "../../../auth/sessions";

export const authRouter = createTRPCRouter({
  /** The signed-in user, or null: lets pages adapt without throwing. */
  session: publicProcedure.query(signedInUser),
  /** The signed-in user; UNAUTHORIZED without a session. */
  me: protectedProcedure.query(currentUser),
});
