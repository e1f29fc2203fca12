// Whether a stored connection is in use on the replica that answered (applied, or why not), the
// check made right after applying it, how many replicas applied it and which failed what, and the
// last Test an admin ran.
import type { RouterOutputs } from "@/server/api/root";
import { Badge } from "@/components/ui/badge";

type View = RouterOutputs["connections"]["list"][number];

const when = (at: Date) => new Date(at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

export function AppliedBadge({ applied }: { applied: View["applied"] }) {
  if (!applied) return null;
  if (applied.state === "in-use")
    return (
      <Badge tone="emerald" dot>
        in use
      </Badge>
    );
  if (applied.state === "failed")
    return (
      <Badge tone="red" dot>
        not applied
      </Badge>
    );
  if (applied.state === "not-used")
    return (
      <Badge tone="amber" dot>
        not used
      </Badge>
    );
  return null; // disabled: its own badge says so
}

const problemText = { pending: "has not applied this version yet", failed: "could not apply it", "check-failed": "cannot reach it" } as const;

/** "Applied on 2 of 3 replicas", then one line per replica that is behind or failed. */
function clusterLines(cluster: NonNullable<View["cluster"]>): { text: string; tone: "error" | "warn" | "ok" | "plain" }[] {
  const { replicas, appliedOn, problems } = cluster;
  const failing = problems.filter((p) => p.problem !== "pending").length;
  const head = {
    text: `Applied on ${appliedOn} of ${replicas} replica${replicas === 1 ? "" : "s"}${failing ? `; ${failing} with a problem` : ""}.`,
    tone: failing ? ("error" as const) : appliedOn < replicas ? ("warn" as const) : ("ok" as const),
  };
  return [
    head,
    ...problems.map((p) => ({
      text: `Replica ${p.replica} ${problemText[p.problem]}${p.message ? `: ${p.message}` : "."}`,
      tone: p.problem === "pending" ? ("warn" as const) : ("error" as const),
    })),
  ];
}

export function ConnectionStatus({ view }: { view: View }) {
  const { applied, lastTest } = view;
  const lines: { text: string; tone: "error" | "warn" | "ok" | "plain" }[] = [];
  if (applied?.state === "failed" && applied.message) lines.push({ text: applied.message, tone: "error" });
  if (applied?.state === "not-used" && applied.message) lines.push({ text: applied.message, tone: "warn" });
  if (applied?.state === "in-use" && applied.engineId) lines.push({ text: `Offered as the query engine “${applied.engineId}”.`, tone: "plain" });
  if (applied?.state === "in-use" && !applied.engineId) lines.push({ text: "This is the portal's object store.", tone: "plain" });
  if (applied && (applied.state === "in-use" || applied.state === "not-used")) {
    if (!applied.check) lines.push({ text: "Checking that it answers…", tone: "plain" });
    else lines.push({ text: applied.check.ok ? `Answers: ${applied.check.message}` : `Does not answer: ${applied.check.message}`, tone: applied.check.ok ? "ok" : "error" });
  }
  if (view.cluster && view.enabled) lines.push(...clusterLines(view.cluster));
  if (lastTest)
    lines.push({
      text: `Last Test ${lastTest.ok ? "passed" : `failed${lastTest.failedStep ? ` at “${lastTest.failedStep}”` : ""}`} · ${when(lastTest.at)}${lastTest.by ? ` · ${lastTest.by}` : ""}`,
      tone: lastTest.ok ? "ok" : "warn",
    });
  else if (view.source === "database") lines.push({ text: "Never tested.", tone: "plain" });
  if (lines.length === 0) return null;
  const colour = {
    error: "text-red-700 dark:text-red-400",
    warn: "text-amber-800 dark:text-amber-300",
    ok: "text-emerald-700 dark:text-emerald-400",
    plain: "text-slate-600 dark:text-slate-400",
  };
  return (
    <ul className="mt-1 space-y-0.5 text-sm" aria-label={`Status of ${view.name}`}>
      {lines.map((l, i) => (
        <li key={i} className={`break-words ${colour[l.tone]}`}>
          {l.text}
        </li>
      ))}
    </ul>
  );
}
