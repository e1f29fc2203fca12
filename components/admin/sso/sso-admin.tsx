"use client";
// Admin › Single sign-on: the OpenID Provider (issuer, client, scopes, button label), the claim →
// role rules with a "try these claims" box, and whether password sign-in stays open. The client
// secret is write-only: the page only knows whether one is stored. Values from OIDC_* variables
// are shown read-only. A save carries the version it started from (no silent overwrite).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fingerprint } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage, fieldErrors } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/form";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ROLES, type Role } from "@/lib/auth/roles";
import { RulesEditor } from "./rules-editor";
import { TryClaims } from "./try-claims";
import { OUTCOME_LABELS, type SsoSettingsView, type SsoUpdateInput } from "./types";

type Form = Omit<SsoUpdateInput, "clientSecret" | "breakGlassEmails"> & { clientSecret: string; breakGlassEmails: string };

function formOf(settings: SsoSettingsView): Form {
  return {
    enabled: settings.enabled,
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: "",
    scopes: settings.scopes,
    buttonLabel: settings.buttonLabel,
    rules: settings.rules,
    defaultRole: settings.defaultRole,
    localSignIn: settings.localSignIn,
    breakGlassEmails: settings.breakGlassEmails.join("\n"),
    version: settings.version,
  };
}

const section = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900";
const heading = "text-base font-semibold text-slate-900 dark:text-white";

export function SsoAdmin() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.sso.settings.queryOptions());
  if (settings.isPending) return <SkeletonRows label="Loading the single sign-on settings" rows={6} height="h-10" />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  // Not keyed by version: a save must not remount the form (its "Saved" notice would vanish).
  return <SsoForm settings={settings.data} />;
}

function SsoForm({ settings }: { settings: SsoSettingsView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => formOf(settings));
  const [removeSecret, setRemoveSecret] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const env = settings.fromEnvironment;
  const callbackUrl = typeof window === "undefined" ? settings.callbackPath : `${window.location.origin}${settings.callbackPath}`;

  const save = useMutation(
    trpc.sso.update.mutationOptions({
      onSuccess: async (next) => {
        setForm((f) => ({ ...f, version: next.version, clientSecret: "" }));
        setRemoveSecret(false);
        setSaved(true);
        queryClient.setQueryData(trpc.sso.settings.queryKey(), next);
        await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
      },
    }),
  );
  const discover = useMutation(trpc.sso.discover.mutationOptions());
  const errors = fieldErrors(save.error);

  const submit = () =>
    save.mutate({
      ...form,
      clientSecret: removeSecret ? "" : form.clientSecret === "" ? null : form.clientSecret,
      breakGlassEmails: form.breakGlassEmails
        .split(/[\s,;]+/)
        .map((e) => e.trim())
        .filter(Boolean),
    });

  return (
    // A <div>, not a <form>: the rules editor's confirmation dialog holds a form of its own.
    <div className="space-y-6">
      <section className={section} aria-labelledby="sso-provider">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 id="sso-provider" className={heading}>
              Identity provider
            </h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              Register the portal at your OpenID Provider with the redirect URI <code className="break-all font-mono text-xs">{callbackUrl}</code>.
            </p>
          </div>
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800 dark:text-slate-200">
            <input type="checkbox" className="size-4 accent-sky-600" checked={env || form.enabled} disabled={env} onChange={(e) => set("enabled", e.target.checked)} />
            Single sign-on on
          </label>
        </div>
        {env && (
          <Alert className="mt-4" tone="info">
            The issuer, client and scopes come from the OIDC_* environment variables and are read-only here. The rules below still apply.
          </Alert>
        )}
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Field label="Issuer URL" hint="Discovery reads <issuer>/.well-known/openid-configuration." errors={errors.issuer} className="sm:col-span-2">
            {(props) => (
              <div className="flex flex-col gap-2 sm:flex-row">
                <Input
                  {...props}
                  value={form.issuer}
                  readOnly={env}
                  onChange={(e) => set("issuer", e.target.value)}
                  placeholder="https://login.example.com/realms/data"
                  spellCheck={false}
                />
                <Button onClick={() => discover.mutate({ issuer: form.issuer })} pending={discover.isPending} disabled={!form.issuer} className="shrink-0">
                  Check issuer
                </Button>
              </div>
            )}
          </Field>
          {discover.data && (
            <Alert tone={discover.data.ok ? "success" : "error"} className="sm:col-span-2">
              {discover.data.ok ? `Found ${discover.data.issuer}: sign-in goes to ${discover.data.authorizationEndpoint}.` : discover.data.message}
            </Alert>
          )}
          {discover.error && (
            <Alert tone="error" className="sm:col-span-2">
              {errorMessage(discover.error)}
            </Alert>
          )}
          <Field label="Client id" errors={errors.clientId}>
            {(props) => <Input {...props} value={form.clientId} readOnly={env} onChange={(e) => set("clientId", e.target.value)} spellCheck={false} autoComplete="off" />}
          </Field>
          <Field
            label="Client secret"
            hint={settings.clientSecretSet ? "A secret is stored. Leave empty to keep it unchanged." : "None stored (a public client uses PKCE alone)."}
            errors={errors.clientSecret}
          >
            {(props) => (
              <Input
                {...props}
                type="password"
                value={form.clientSecret}
                readOnly={env}
                disabled={removeSecret}
                onChange={(e) => set("clientSecret", e.target.value)}
                placeholder={settings.clientSecretSet ? "•••••••• (unchanged)" : ""}
                autoComplete="new-password"
              />
            )}
          </Field>
          {settings.clientSecretSet && !env && (
            <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2 dark:text-slate-300">
              <input type="checkbox" className="size-4 accent-sky-600" checked={removeSecret} onChange={(e) => setRemoveSecret(e.target.checked)} />
              Remove the stored secret
            </label>
          )}
          <Field label="Scopes" errors={errors.scopes}>
            {(props) => <Input {...props} value={form.scopes} readOnly={env} onChange={(e) => set("scopes", e.target.value)} spellCheck={false} />}
          </Field>
          <Field label="Button label" hint={`The sign-in page shows “Sign in with ${form.buttonLabel || "…"}”.`} errors={errors.buttonLabel}>
            {(props) => <Input {...props} value={form.buttonLabel} onChange={(e) => set("buttonLabel", e.target.value)} />}
          </Field>
        </div>
      </section>

      <section className={section} aria-labelledby="sso-rules">
        <h2 id="sso-rules" className={heading}>
          Claim → role rules
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">
          Checked in order at every sign-in; the first match decides. A role changed here applies at the person’s next sign-in. The last active admin is never demoted by a rule.
        </p>
        <RulesEditor rules={form.rules} onChange={(rules) => set("rules", rules)} />
        {errors.rules && <p className="mt-2 text-xs font-medium text-red-700 dark:text-red-300">{errors.rules.join(" ")}</p>}
        <Field label="When no rule matches" className="mt-4 max-w-xs">
          {(props) => (
            <Select {...props} value={form.defaultRole ?? "refuse"} onChange={(e) => set("defaultRole", e.target.value === "refuse" ? null : (e.target.value as Role))}>
              <option value="refuse">Refuse sign-in</option>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {OUTCOME_LABELS[role]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
          <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Try these claims</h3>
          <TryClaims rules={form.rules} defaultRole={form.defaultRole} />
        </div>
      </section>

      <section className={section} aria-labelledby="sso-local">
        <h2 id="sso-local" className={heading}>
          Password sign-in
        </h2>
        <label className="mt-3 flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
          <input type="checkbox" className="size-4 accent-sky-600" checked={form.localSignIn} onChange={(e) => set("localSignIn", e.target.checked)} />
          Everyone may also sign in with e-mail and password
        </label>
        <Field
          label="Break-glass admins"
          hint="E-mails (one per line) that may still sign in with a password when password sign-in is off: at least one active admin, for when the provider is down."
          errors={errors.breakGlassEmails}
          className="mt-4"
        >
          {(props) => (
            <textarea
              {...props}
              className="block min-h-20 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
              value={form.breakGlassEmails}
              onChange={(e) => set("breakGlassEmails", e.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
      </section>

      {save.error && <Alert tone="error">{errorMessage(save.error)}</Alert>}
      {saved && !save.error && <Alert tone="success">Saved. Sign-ins use these settings from now on, on every replica.</Alert>}
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" pending={save.isPending} onClick={submit}>
          <Fingerprint aria-hidden className="size-4" /> Save single sign-on settings
        </Button>
        {settings.updatedBy && (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Last saved by {settings.updatedBy}
            {settings.updatedAt ? ` on ${new Date(settings.updatedAt).toLocaleString()}` : ""}.
          </p>
        )}
      </div>
    </div>
  );
}
