"use client";
// "Try these claims": paste an ID token's claims and see which rule fires, with the rules on
// screen (saved or not) and why each earlier rule did not match.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/form";
import { cx } from "@/components/lib/cx";
import type { Role } from "@/lib/auth/roles";
import { OUTCOME_LABELS, type SsoRule } from "./types";

const EXAMPLE = JSON.stringify({ sub: "248289761001", email: "ana@example.com", email_verified: true, groups: ["data-admins"] }, null, 2);

export function TryClaims({ rules, defaultRole }: { rules: SsoRule[]; defaultRole: Role | null }) {
  const trpc = useTRPC();
  const [claims, setClaims] = useState(EXAMPLE);
  const attempt = useMutation(trpc.sso.tryClaims.mutationOptions());
  const decision = attempt.data;

  return (
    <div className="space-y-3">
      <label htmlFor="sso-try-claims" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        Claims (JSON)
      </label>
      <textarea
        id="sso-try-claims"
        className={cx(controlClasses, "min-h-36 w-full py-2 font-mono text-xs")}
        value={claims}
        onChange={(e) => setClaims(e.target.value)}
        spellCheck={false}
      />
      <Button onClick={() => attempt.mutate({ claims, rules, defaultRole })} pending={attempt.isPending}>
        Try these claims
      </Button>
      {attempt.error && <Alert tone="error">{errorMessage(attempt.error)}</Alert>}
      {decision && !attempt.error && (
        <div aria-live="polite" className="space-y-2">
          <Alert
            tone={decision.outcome === "refuse" ? "error" : "success"}
            title={decision.outcome === "refuse" ? "Sign-in refused" : `Signed in as ${OUTCOME_LABELS[decision.role]}`}
          >
            {decision.ruleIndex === null
              ? decision.outcome === "refuse"
                ? "No rule matches and there is no default role."
                : "No rule matches: the default role applies."
              : `Rule ${decision.ruleIndex + 1} decides.`}
          </Alert>
          {decision.checks.length > 0 && (
            <ul className="space-y-1 text-sm text-slate-700 dark:text-slate-300">
              {decision.checks.map((check) => (
                <li key={check.index}>
                  <span className={check.matched ? "font-medium text-emerald-700 dark:text-emerald-300" : "text-slate-500 dark:text-slate-400"}>
                    Rule {check.index + 1}: {check.matched ? "matches" : "no match"}
                  </span>{" "}
                  — {check.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
