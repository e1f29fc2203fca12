// Test an Airflow connection with given settings, saved or not, for a Connections page: can the
// portal reach it, are its credentials accepted, is it healthy. Each step says what it did and,
// on failure, what failed (refused, timeout, TLS, credentials, not Airflow) — never a secret.
import type { ProbeResult, ProbeStep } from "../../connections/probe";
import { isOrchestratorError } from "../contract";
import { createAirflowOrchestrator, type AirflowSettings } from "./adapter";

export const AIRFLOW_PROBE_TIMEOUT_MS = 8_000;

export async function probeAirflow(settings: AirflowSettings): Promise<ProbeResult> {
  const airflow = createAirflowOrchestrator({ timeoutMs: AIRFLOW_PROBE_TIMEOUT_MS, ...settings });
  const steps: ProbeStep[] = [];
  const fail = (step: string, err: unknown): ProbeResult => {
    if (!isOrchestratorError(err)) throw err;
    steps.push({ step, ok: false, message: err.message });
    return { ok: false, steps };
  };

  // /health needs no credentials: it tells "not reachable" apart from "credentials refused".
  try {
    const health = await airflow.health();
    const unhealthy = health.components.filter((c) => c.status === "unhealthy").map((c) => c.name);
    steps.push({
      step: "Reach Airflow",
      ok: true,
      message: unhealthy.length ? `Airflow answers, but reports ${unhealthy.join(", ")} unhealthy.` : "Airflow answers and reports itself healthy.",
    });
  } catch (err) {
    return fail("Reach Airflow", err);
  }
  try {
    const dags = await airflow.listDags({ limit: 1, offset: 0 });
    steps.push({ step: "Sign in and list DAGs", ok: true, message: `Signed in; ${dags.total} DAG${dags.total === 1 ? "" : "s"} visible to the portal's account.` });
  } catch (err) {
    return fail("Sign in and list DAGs", err);
  }
  return { ok: true, steps };
}
