import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentUser } from "@/components/auth/session";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/components/lib/callback-url";
import { LogoMark } from "@/components/shell/logo";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { getQueryClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  await headers(); // per request: the answer depends on the visitor's session
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);

  // Someone already signed in has nothing to do here. If the session cannot be checked (the
  // database is down), show the form anyway: signing in will report the problem.
  const user = await currentUser().catch(() => null);
  if (user) redirect("/");

  // Anyone can craft this URL: the code only selects one of the fixed texts (lock-outs and
  // unknown codes show nothing; the form asks the server about a lock-out it just met).
  const errorCode = typeof params.error === "string" ? params.error : null;
  // Single sign-on (Admin › Single sign-on): its button, and whether passwords are for break-glass admins only.
  const options = await getQueryClient()
    .fetchQuery(trpc.sso.signInOptions.queryOptions())
    .catch(() => ({ sso: null, localSignIn: true }));

  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-50 px-4 py-12 dark:bg-slate-950">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark className="size-12 rounded-xl" />
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Sign in to Lakehouse Portal</h1>
          <p className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
            {options.sso ? `Use your ${options.sso.label} account.` : "Use the e-mail and password your administrator gave you."}
          </p>
        </div>
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900">
          <SignInForm callbackUrl={callbackUrl} initialError={signInErrorMessage(errorCode)} sso={options.sso} localSignIn={options.localSignIn} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500 dark:text-slate-500">Forgot your password? Ask an administrator to reset it.</p>
      </div>
    </main>
  );
}
