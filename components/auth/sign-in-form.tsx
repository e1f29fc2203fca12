"use client";
import { useRef, useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { CircleAlert } from "lucide-react";
import { isLockCode, signInErrorMessage, SIGN_IN_FAILED_MESSAGE, WRONG_CREDENTIALS_MESSAGE } from "@/lib/auth/sign-in-errors";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/form";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const [pending, setPending] = useState(false);
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

  return (
    <form onSubmit={handleSubmit} noValidate className="space-y-5">
      {error && (
        <div
          role="alert"
          className="flex gap-2.5 rounded-lg border border-red-200 bg-red-50 px-3.5 py-3 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
        >
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <p>{error}</p>
        </div>
      )}
      <Field label="E-mail">
        {(props) => <Input {...props} name="email" type="email" autoComplete="username" inputMode="email" autoCapitalize="none" spellCheck={false} required autoFocus />}
      </Field>
      <Field label="Password">{(props) => <Input {...props} ref={passwordRef} name="password" type="password" autoComplete="current-password" required />}</Field>
      <Button type="submit" variant="primary" className="w-full" pending={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
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
