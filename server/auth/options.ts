// next-auth configuration: e-mail + password through the Credentials provider, JWT sessions
// (no session table: replicas need nothing but the shared secret). The JWT carries only the
// user id and session version; the role is read from the database on every request
// (server/auth/current-user.ts), so a demoted or disabled user loses access at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "../config/env";
import { getRuntime } from "../runtime";
import { logger } from "../logger";
import { db, isDatabaseUnavailable } from "../db/client";
import { recordAudit } from "../audit/audit";
import { signIn } from "./sign-in";
import { signInErrorCode } from "./sign-in-errors";

declare module "next-auth" {
  interface Session {
    user: { id: string; sessionVersion: number; email: string; name: string };
  }
  interface User {
    sessionVersion: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

export function authOptions(): NextAuthOptions {
  return {
    secret: getRuntime().authSecret,
    session: { strategy: "jwt", maxAge: Math.round(getConfig().PORTAL_SESSION_HOURS * 3600) },
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
          if (!email || !password || email.length > 320 || password.length > 1024) return null;
          let result: Awaited<ReturnType<typeof signIn>>;
          try {
            result = await signIn({ email, password, ip: clientIp(req?.headers) });
          } catch (err) {
            // next-auth hands the thrown message to the browser: send a code, never the error.
            logger.error({ err }, "sign-in failed");
            throw new Error(isDatabaseUnavailable(err) ? "unavailable" : "error");
          }
          if (result.status === "locked") throw new Error(signInErrorCode.locked(result.until));
          if (result.status === "invalid") return null;
          const { user } = result;
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = user.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.uid ?? "",
          sessionVersion: token.sv ?? -1,
          email: token.email ?? "",
          name: token.name ?? "",
        };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.uid) return;
        await recordAudit(db(), { actor: { id: token.uid, email: token.email ?? "" }, action: "auth.sign_out", subject: token.email ?? null, outcome: "success" }).catch(
          (err) => logger.warn({ err: (err as Error).message }, "could not audit sign-out"),
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

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : null);
}
