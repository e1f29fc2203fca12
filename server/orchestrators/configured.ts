// The orchestrator this portal talks to: from the configuration (AIRFLOW_* variables, created once
// per process), else the Airflow connection stored in Admin › Connections that this replica applied
// (server/connections/live.ts), else null — then every orchestrator feature is hidden.
import { getConfig, type PortalConfig } from "../config/env";
import { processSlot } from "../process-slot";
import type { Orchestrator } from "./contract";
import { createAirflowOrchestrator, type AirflowAuth } from "./airflow/adapter";

export type ConfiguredOrchestrator = {
  orchestrator: Orchestrator;
  /** The OpenLineage namespace the orchestrator's events use (AIRFLOW_NAMESPACE), if known. */
  namespace: string | null;
};

let current: ConfiguredOrchestrator | null | undefined;
const applied = processSlot<ConfiguredOrchestrator | null>("orchestrator-applied");

export function orchestratorFromConfig(config: PortalConfig): ConfiguredOrchestrator | null {
  if (!config.AIRFLOW_URL) return null;
  const auth: AirflowAuth = config.AIRFLOW_TOKEN
    ? { kind: "token", token: config.AIRFLOW_TOKEN }
    : config.AIRFLOW_USERNAME && config.AIRFLOW_PASSWORD
      ? { kind: "basic", username: config.AIRFLOW_USERNAME, password: config.AIRFLOW_PASSWORD }
      : { kind: "none" };
  return { orchestrator: createAirflowOrchestrator({ url: config.AIRFLOW_URL, auth }), namespace: config.AIRFLOW_NAMESPACE ?? null };
}

export function configuredOrchestrator(): ConfiguredOrchestrator | null {
  if (current === undefined) current = orchestratorFromConfig(getConfig());
  return current ?? applied.value ?? null;
}

/** The stored connection's orchestrator this process applied (null: none). */
export function setAppliedOrchestrator(value: ConfiguredOrchestrator | null): void {
  applied.value = value;
}

/** Tests: use this orchestrator (or none) instead of the configured one; undefined restores it. */
export function useOrchestratorForTests(value: ConfiguredOrchestrator | null | undefined): void {
  current = value;
}
