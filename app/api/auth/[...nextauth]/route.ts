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
  // Next hands route handlers a Proxy of the request. undici 7 (Debian trixie's Node 20, Node 24)
  // keeps a Request's state in private fields, which a Proxy does not carry, so
  // `new NextRequest(proxy)` throws "Cannot read private member #state": copy it by its parts.
  const copy = new NextRequest(req.url, { method: req.method, headers: req.headers, body: req.body, signal: req.signal, duplex: "half" } as ConstructorParameters<
    typeof NextRequest
  >[1]);
  return NextAuth(copy as never, { params: await ctx.params } as never, authOptions(await ssoProviders(), localSignInPolicy));
}

export { handler as GET, handler as POST };
