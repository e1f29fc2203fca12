// next-auth configuration: e-mail + password through the Credentials provider, JWT sessions
// (no session table: replicas need nothing but the shared secret). The JWT carries only the
// user id, session version and a random session id; the role is read from the database on
// every request (server/auth/current-user.ts), so a demoted or disabled user loses access at
// once, and signing out revokes the session id (server/auth/sessions.ts).
import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "../config/env";
import { settingValue } from "../settings/effective";
import { getRuntime } from "../runtime";
import { logger } from "../logger";
import { db, isDatabaseUnavailable } from "../db/client";
import { recordAudit } from "../audit/audit";
import { signIn, type LocalSignInPolicy } from "./sign-in";
import { SIGN_IN_ERROR } from "../../lib/auth/sign-in-errors";
import { clientAddressOf } from "./client-address";
import { isSessionId, newSessionId, revokeSession } from "./sessions";

declare module "next-auth" {
  interface Session {
    user: { id: string; sessionVersion: number; sessionId: string; email: string; name: string };
  }
  interface User {
    sessionVersion: number;
    /** Set by the single sign-on provider when the sign-in is refused: a code for the sign-in page. */
    signInRefusal?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    /** Random per sign-in; revoked on sign-out. */
    sid?: string;
  }
}

/**
 * `extraProviders`: the single sign-on provider built from the database for this request
 * (server/auth/oidc/provider.ts); reading a session needs none.
 */
export function authOptions(extraProviders: Provider[] = [], localPolicy?: () => Promise<LocalSignInPolicy>): NextAuthOptions {
  return {
    secret: getRuntime().authSecret,
    session: { strategy: "jwt", maxAge: Math.round(settingValue("auth.sessionHours") * 3600) },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "E-mail and password",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password) return null;
          let result: Awaited<ReturnType<typeof signIn>>;
          try {
            // Over-long and malformed inputs go in too: signIn refuses them before hashing, and audits them.
            const policy = localPolicy ? await localPolicy() : undefined;
            result = await signIn({ email, password, ip: clientAddressOf(req?.headers, getConfig().PORTAL_TRUSTED_PROXIES) }, db(), policy);
          } catch (err) {
            // next-auth hands the thrown message to the browser: send a code, never the error.
            logger.error({ err }, "sign-in failed");
            throw new Error(isDatabaseUnavailable(err) ? SIGN_IN_ERROR.unavailable : SIGN_IN_ERROR.failed);
          }
          // A fixed code: the page asks the server how long the lock lasts (sign-in-errors.ts).
          if (result.status === "locked") throw new Error(result.scope === "account" ? SIGN_IN_ERROR.locked : SIGN_IN_ERROR.addressLocked);
          if (result.status === "invalid") return null;
          if (result.status === "local_off") throw new Error(SIGN_IN_ERROR.localOff);
          const { user } = result;
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
      ...extraProviders,
    ],
    callbacks: {
      // A refused single sign-on goes back to the sign-in page with its code (never a session).
      signIn({ user }) {
        return user.signInRefusal ? `/signin?error=${encodeURIComponent(user.signInRefusal)}` : true;
      },
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = user.sessionVersion;
          token.sid = newSessionId();
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.uid ?? "",
          sessionVersion: token.sv ?? -1,
          sessionId: token.sid ?? "",
          email: token.email ?? "",
          name: token.name ?? "",
        };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.uid) return;
        const actor = { id: token.uid, email: token.email ?? "" };
        // The cookie is cleared either way; recording the revocation is what stops a copy of it.
        // A token from before session ids has none to revoke; its session version still limits it.
        if (isSessionId(token.sid)) {
          const expiresAt = typeof token.exp === "number" ? new Date(token.exp * 1000) : new Date(Date.now() + settingValue("auth.sessionHours") * 3_600_000);
          await revokeSession(db(), { sessionId: token.sid, userId: token.uid, expiresAt }).catch((err) =>
            logger.error({ err: (err as Error).message }, "could not revoke the session on sign-out"),
          );
        }
        await recordAudit(db(), { actor, action: "auth.sign_out", subject: token.email ?? null, outcome: "success", details: { sessionId: token.sid ?? null } }).catch((err) =>
          logger.warn({ err: (err as Error).message }, "could not audit sign-out"),
        );
      },
    },
    logger: {
      error: (code, metadata) => logger.error({ code, metadata: metadata instanceof Error ? metadata.message : metadata }, "next-auth error"),
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: () => {},
    },
  };
}
