import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";
import { cappedRequest } from "@/server/http/edge/capped-body";
import { localSignInPolicy, ssoProviders } from "@/server/auth/oidc/provider";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request: the session secret is only known once the launcher has run,
// and the single sign-on provider comes from the settings in the database (Admin › Single sign-on).
async function handler(incoming: NextRequest, ctx: RouteContext) {
  // Anyone may post here without a session: read at most the sign-in form's cap, never more.
  const req = await cappedRequest(incoming);
  if (req instanceof Response) return req;
  return NextAuth(new NextRequest(req) as never, { params: await ctx.params } as never, authOptions(await ssoProviders(), localSignInPolicy));
}

export { handler as GET, handler as POST };
