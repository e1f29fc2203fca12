"use client";
import { useRef, useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { CircleAlert } from "lucide-react";
import { isLockCode, signInErrorMessage, SIGN_IN_FAILED_MESSAGE, WRONG_CREDENTIALS_MESSAGE } from "@/lib/auth/sign-in-errors";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/form";

export function SignInForm({
  callbackUrl,
  initialError,
  sso = null,
  localSignIn = true,
}: {
  callbackUrl: string;
  initialError: string | null;
  /** The single sign-on button's label, when SSO is on. */
  sso?: { label: string } | null;
  /** false: password sign-in is for break-glass admins only (shown folded away). */
  localSignIn?: boolean;
}) {
  const [pending, setPending] = useState(false);
  const [ssoPending, setSsoPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your e-mail and password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.ok && !result.error) {
        // A full page load, so the portal renders for the new session from scratch.
        window.location.assign(callbackUrl);
        return;
      }
      const code = result?.error ?? "CredentialsSignin";
      setError(isLockCode(code) ? await lockOutMessage(email) : (signInErrorMessage(code) ?? WRONG_CREDENTIALS_MESSAGE));
    } catch {
      setError("The portal cannot be reached. Check your connection and try again.");
    }
    setPending(false);
    // Let people retype the password straight away: typing replaces the selected text.
    passwordRef.current?.focus();
    passwordRef.current?.select();
  }

  async function handleSso() {
    setSsoPending(true);
    setError(null);
    try {
      // next-auth fetches the provider's address and navigates there (a navigation, not a form
      // post, so the CSP's form-action does not have to name the provider).
      await signIn("sso", { callbackUrl });
    } catch {
      setError("The portal cannot be reached. Check your connection and try again.");
      setSsoPending(false);
    }
  }

  const passwordForm = (
    <form onSubmit={handleSubmit} noValidate className="space-y-5">
      {error && !sso && <ErrorBox text={error} />}
      <Field label="E-mail">
        {(props) => <Input {...props} name="email" type="email" autoComplete="username" inputMode="email" autoCapitalize="none" spellCheck={false} required autoFocus={!sso} />}
      </Field>
      <Field label="Password">{(props) => <Input {...props} ref={passwordRef} name="password" type="password" autoComplete="current-password" required />}</Field>
      <Button type="submit" variant="primary" className="w-full" pending={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
  if (!sso) return passwordForm;
  return (
    <div className="space-y-5">
      {error && <ErrorBox text={error} />}
      <Button variant="primary" className="w-full" pending={ssoPending} onClick={handleSso} autoFocus>
        Sign in with {sso.label}
      </Button>
      {localSignIn ? (
        <>
          <p className="text-center text-xs text-slate-500 dark:text-slate-400">or with your e-mail and password</p>
          {passwordForm}
        </>
      ) : (
        <details className="text-sm text-slate-600 dark:text-slate-400">
          <summary className="cursor-pointer select-none">Break-glass sign-in for administrators</summary>
          <div className="mt-4">{passwordForm}</div>
        </details>
      )}
    </div>
  );
}

function ErrorBox({ text }: { text: string }) {
  return (
    <div
      role="alert"
      className="flex gap-2.5 rounded-lg border border-red-200 bg-red-50 px-3.5 py-3 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
    >
      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>{text}</p>
    </div>
  );
}

/** How long the lock lasts, as the server sees it now (app/signin/lock-status/route.ts). */
async function lockOutMessage(email: string): Promise<string> {
  try {
    const response = await fetch("/signin/lock-status", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === "string" ? body.message : SIGN_IN_FAILED_MESSAGE;
  } catch {
    return SIGN_IN_FAILED_MESSAGE;
  }
}
