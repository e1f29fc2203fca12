// The Kubernetes manifests in deploy/kubernetes: both overlays render (with the small renderer,
// and identically with `kubectl kustomize` where it is installed), every object passes
// Kubernetes' own schema (kubernetes-models; the ServiceMonitor and PrometheusRule their CRDs'
// schemas from @kubernetes-models/prometheus-operator), and the properties an operator relies on
// hold: probes on the lifecycle endpoints, a restrictive securityContext, selectors that select
// the pods, the demo on one replica with a volume, traces to a collector the NetworkPolicy lets
// the pods reach, and the PrometheusRule equal to the promtool-tested rules file.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { renderKustomization, RenderError, strategicMerge, type KubeObject } from "../../deploy/kubernetes/render";
import { ALERTS_FILE, prometheusRuleIsCurrent } from "../../deploy/kubernetes/prometheus-rule";
import { loadConfig } from "../config/env";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OVERLAYS = { demo: path.join(ROOT, "deploy/kubernetes/overlays/demo"), production: path.join(ROOT, "deploy/kubernetes/overlays/production") };

type Validating = { validate(): void };
type ModelClass = new (data: unknown) => Validating;

/** The kubernetes-models class for an object's apiVersion and kind. */
async function modelOf(o: KubeObject): Promise<ModelClass> {
  const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : [undefined, o.apiVersion];
  const specifier =
    group === "monitoring.coreos.com"
      ? `@kubernetes-models/prometheus-operator/monitoring.coreos.com/${version}/${o.kind}`
      : `kubernetes-models/${group ? `${group}/` : ""}${version}/${o.kind}`;
  const exported = (await import(specifier)) as Record<string, ModelClass>;
  const model = exported[o.kind];
  if (!model) throw new Error(`no model for ${o.apiVersion} ${o.kind}`);
  return model;
}

async function validationError(o: KubeObject): Promise<string | null> {
  const Model = await modelOf(o);
  try {
    new Model(o).validate();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

const byKind = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
const one = (objects: KubeObject[], kind: string) => {
  const found = byKind(objects, kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

type Container = {
  name: string;
  image: string;
  ports: { name: string; containerPort: number }[];
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  startupProbe?: { httpGet: { path: string } };
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } };
  securityContext: { allowPrivilegeEscalation: boolean; readOnlyRootFilesystem: boolean; capabilities: { drop: string[] } };
  envFrom: ({ configMapRef: { name: string } } | { secretRef: { name: string } })[];
  env?: EnvVar[];
  volumeMounts: { name: string; mountPath: string }[];
};
type PodSpec = {
  securityContext: { runAsNonRoot: boolean; seccompProfile: { type: string } };
  containers: Container[];
  volumes: { name: string; emptyDir?: unknown; persistentVolumeClaim?: { claimName: string } }[];
  terminationGracePeriodSeconds: number;
};
type Deployment = KubeObject & {
  spec: {
    replicas: number;
    strategy?: { type: string };
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
};

type EnvVar = { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } };
type NetworkPeer = { namespaceSelector?: { matchLabels?: Record<string, string> }; podSelector?: { matchLabels?: Record<string, string> }; ipBlock?: unknown };
type NetworkRule = { to?: NetworkPeer[]; ports?: { port: number | string; protocol: string }[] };

/** What a pod named like a Deployment's would get from the downward API. */
const POD_FIELDS: Record<string, string> = {
  "metadata.name": "lakehouse-portal-7d9f8c6b5-x2b4q",
  "metadata.namespace": "lakehouse",
  "metadata.uid": "6f1c2a9e-0d3b-4c8e-9a51-2b7d4e0f8c13",
  "spec.nodeName": "worker-2",
};

/**
 * A container's environment as the kubelet builds it: envFrom first, then env in order, where
 * $(NAME) expands only to a variable defined before it (else stays as written) and $$ is a "$".
 */
function containerEnvironment(fromConfigMap: Record<string, string>, env: EnvVar[]): Record<string, string> {
  const out = { ...fromConfigMap };
  for (const v of env) {
    if (v.valueFrom?.fieldRef) out[v.name] = POD_FIELDS[v.valueFrom.fieldRef.fieldPath] ?? "";
    else out[v.name] = (v.value ?? "").replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string | undefined) => (name === undefined ? "$" : (out[name] ?? whole)));
  }
  return out;
}

const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
const kustomizeVersion = /Kustomize Version: v(\d+)/.exec(kubectl.stdout ?? "")?.[1];
const hasModernKubectl = kubectl.status === 0 && Number(kustomizeVersion) >= 4;

function sorted(objects: KubeObject[]): KubeObject[] {
  return [...objects].sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

describe.each(Object.entries(OVERLAYS))("the %s overlay", (name, dir) => {
  const objects = renderKustomization(dir);
  const deployment = one(objects, "Deployment") as Deployment;
  const pod = deployment.spec.template.spec;
  const portal = pod.containers.find((c) => c.name === "portal")!;
  const configMap = one(objects, "ConfigMap") as KubeObject & { data: Record<string, string> };

  it("renders, and every object passes Kubernetes' schema for its kind", async () => {
    expect(objects.length).toBeGreaterThanOrEqual(name === "demo" ? 6 : 10);
    for (const o of objects) expect(await validationError(o), `${o.kind}/${o.metadata.name}`).toBeNull();
  });

  it.skipIf(!hasModernKubectl)("renders the same objects as `kubectl kustomize`", () => {
    const rendered = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8" });
    const theirs = parseAllDocuments(rendered).map((d) => d.toJS() as KubeObject);
    expect(sorted(objects)).toEqual(sorted(theirs));
  });

  it("puts every namespaced object in the overlay's namespace", () => {
    const namespace = one(objects, "Namespace").metadata.name;
    for (const o of objects.filter((o) => o.kind !== "Namespace")) expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(namespace);
  });

  it("probes the lifecycle endpoints on the container's http port", () => {
    expect(portal.ports).toEqual([{ name: "http", containerPort: Number(configMap.data.PORT), protocol: "TCP" }]);
    expect(portal.livenessProbe.httpGet).toEqual({ path: "/api/health/live", port: "http" });
    expect(portal.readinessProbe.httpGet).toEqual({ path: "/api/health/ready", port: "http" });
    expect(portal.startupProbe?.httpGet.path).toBe("/api/health/live");
    // The drain (PORTAL_SHUTDOWN_SECONDS) must end before the kubelet's SIGKILL.
    expect(Number(configMap.data.PORTAL_SHUTDOWN_SECONDS)).toBeLessThan(pod.terminationGracePeriodSeconds - 5);
    expect(configMap.data.PORTAL_HOST).toBe("0.0.0.0");
  });

  it("runs as non-root with a read-only root filesystem, no capabilities and the runtime's seccomp profile", () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    for (const c of pod.containers) {
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
      expect(c.resources.requests.cpu).toBeTruthy();
      expect(c.resources.requests.memory).toBeTruthy();
      expect(c.resources.limits.memory).toBeTruthy();
    }
    // What it writes goes to volumes: the data folder, /tmp and Next's cache.
    const mounts = portal.volumeMounts.map((m) => m.mountPath).sort();
    expect(mounts).toEqual(["/app/.next/cache", configMap.data.PORTAL_DATA_DIR, "/tmp"].sort());
    for (const m of portal.volumeMounts) expect(pod.volumes.map((v) => v.name)).toContain(m.name);
  });

  it("has selectors that select the portal's pods and nothing broader", () => {
    const labels = deployment.spec.template.metadata.labels;
    expect(selects(deployment.spec.selector.matchLabels, labels)).toBe(true);
    const service = one(objects, "Service") as KubeObject & { spec: { selector: Record<string, string>; ports: { targetPort: string }[] } };
    expect(selects(service.spec.selector, labels)).toBe(true);
    expect(service.spec.ports.map((p) => p.targetPort)).toEqual(["http"]);
    for (const o of [...byKind(objects, "PodDisruptionBudget"), ...byKind(objects, "NetworkPolicy")]) {
      const spec = o.spec as { selector?: { matchLabels: Record<string, string> }; podSelector?: { matchLabels: Record<string, string> } };
      const selector = (spec.selector ?? spec.podSelector)!.matchLabels;
      expect(selects(selector, labels), o.kind).toBe(true);
      expect(selector["app.kubernetes.io/name"], o.kind).toBe("lakehouse-portal");
    }
    expect(portal.image).toBe("lakehouse-portal:0.1.0");
  });

  if (name === "demo") {
    it("runs one replica of the embedded default on a persistent volume, replaced (never two at once)", () => {
      expect(deployment.spec.replicas).toBe(1);
      expect(deployment.spec.strategy?.type).toBe("Recreate");
      const pvc = one(objects, "PersistentVolumeClaim");
      const data = pod.volumes.find((v) => v.name === "data")!;
      expect(data).toEqual({ name: "data", persistentVolumeClaim: { claimName: pvc.metadata.name } });
      expect(configMap.data.DATABASE_URL).toBeUndefined();
      expect(portal.envFrom.some((e) => "secretRef" in e)).toBe(false);
      expect(byKind(objects, "HorizontalPodAutoscaler")).toHaveLength(0);
    });
  } else {
    it("runs several replicas on external PostgreSQL, S3 and Trino, with secrets from a Secret", () => {
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(3);
      expect(deployment.spec.strategy).toMatchObject({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0 } });
      expect(portal.envFrom).toContainEqual({ secretRef: { name: "lakehouse-portal-secrets" } });
      expect(configMap.data).toMatchObject({ S3_ENDPOINT: expect.stringMatching(/^https?:\/\//), TRINO_URL: expect.stringMatching(/^https?:\/\//) });
      // Secrets never in the ConfigMap.
      for (const secret of ["DATABASE_URL", "PORTAL_SECRET_KEY", "NEXTAUTH_SECRET", "S3_SECRET_ACCESS_KEY", "PORTAL_METRICS_TOKEN"]) expect(configMap.data[secret]).toBeUndefined();
      expect(byKind(objects, "Secret")).toHaveLength(0); // the operator creates it (secret.example.yaml)
    });

    it("scales, keeps replicas through disruptions, is reached through the Ingress and scraped with the metrics token", () => {
      const hpa = one(objects, "HorizontalPodAutoscaler") as KubeObject & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number } };
      expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: "Deployment", name: deployment.metadata.name });
      expect(hpa.spec.minReplicas).toBe(deployment.spec.replicas);
      expect(one(objects, "PodDisruptionBudget").spec).toMatchObject({ maxUnavailable: 1 });
      const service = one(objects, "Service");
      const ingress = one(objects, "Ingress") as KubeObject & { spec: { rules: { http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[] } };
      expect(ingress.spec.rules[0]!.http.paths[0]!.backend.service).toEqual({ name: service.metadata.name, port: { name: "http" } });
      const monitor = one(objects, "ServiceMonitor") as KubeObject & {
        spec: { selector: { matchLabels: Record<string, string> }; endpoints: { port: string; path: string; authorization: unknown }[] };
      };
      expect(selects(monitor.spec.selector.matchLabels, service.metadata.labels as Record<string, string>)).toBe(true);
      expect(monitor.spec.endpoints[0]).toMatchObject({
        port: "http",
        path: "/api/metrics",
        authorization: { type: "Bearer", credentials: { name: "lakehouse-portal-secrets", key: "PORTAL_METRICS_TOKEN" } },
      });
    });

    it("exports traces to a collector, each replica's resource naming its pod, namespace and node, as the portal's own configuration accepts them", () => {
      const env = containerEnvironment(configMap.data, portal.env ?? []);
      const config = loadConfig(env);
      expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toMatch(/^http:\/\/[a-z0-9.-]+:4318$/);
      expect(config.OTEL_SERVICE_NAME).toBe("lakehouse-portal");
      expect(config.OTEL_RESOURCE_ATTRIBUTES).toMatchObject({
        "k8s.pod.name": POD_FIELDS["metadata.name"],
        "k8s.pod.uid": POD_FIELDS["metadata.uid"],
        "k8s.namespace.name": POD_FIELDS["metadata.namespace"],
        "k8s.node.name": POD_FIELDS["spec.nodeName"],
        "service.instance.id": POD_FIELDS["metadata.name"],
        "k8s.deployment.name": deployment.metadata.name,
      });
      // Order matters: the same list with the attributes first is left unexpanded and refused.
      const reordered = [...(portal.env ?? [])].sort((a, b) => Number(b.name === "OTEL_RESOURCE_ATTRIBUTES") - Number(a.name === "OTEL_RESOURCE_ATTRIBUTES"));
      expect(() => loadConfig(containerEnvironment(configMap.data, reordered))).toThrow(/OTEL_RESOURCE_ATTRIBUTES: .*unexpanded Kubernetes variable reference/);
    });

    it("lets the pods reach the collector on 4318 only in its namespace, and opens no egress port without naming it", () => {
      const policy = one(objects, "NetworkPolicy") as KubeObject & { spec: { egress: NetworkRule[]; ingress: { from: NetworkPeer[] }[] } };
      const endpoint = new URL(configMap.data.OTEL_EXPORTER_OTLP_ENDPOINT!);
      const collectorNamespace = endpoint.hostname.split(".")[1]; // <service>.<namespace>.svc
      const admitsCollectorPort = policy.spec.egress.filter((rule) => rule.ports?.some((p) => Number(p.port) === Number(endpoint.port) && p.protocol === "TCP"));
      expect(admitsCollectorPort).toHaveLength(1);
      const peers = admitsCollectorPort[0]!.to ?? [];
      expect(peers.length).toBeGreaterThan(0);
      for (const peer of peers) {
        // namespace AND pods in one peer (two peers would be namespace OR pods in our own namespace)
        expect(peer.namespaceSelector?.matchLabels).toEqual({ "kubernetes.io/metadata.name": collectorNamespace });
        expect(Object.keys(peer.podSelector?.matchLabels ?? {}).length).toBeGreaterThan(0);
        expect(peer.ipBlock).toBeUndefined();
      }
      for (const rule of policy.spec.egress) expect(rule.ports?.length, JSON.stringify(rule)).toBeGreaterThan(0);
      for (const rule of policy.spec.ingress) for (const peer of rule.from) expect(peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"]).toBeTruthy();
    });

    it("carries exactly the promtool-tested alert rules as a PrometheusRule, on the job the ServiceMonitor creates", () => {
      const rule = one(objects, "PrometheusRule") as KubeObject & { spec: { groups: { rules: { alert: string; expr: string }[] }[] } };
      const tested = parseYaml(readFileSync(ALERTS_FILE, "utf8")) as { groups: unknown[] };
      expect(rule.spec.groups).toEqual(tested.groups);
      expect(prometheusRuleIsCurrent()).toBe(true);
      // The Operator names the job after the Service (no jobLabel): the rules must select that job.
      const service = one(objects, "Service");
      expect((one(objects, "ServiceMonitor").spec as { jobLabel?: string }).jobLabel).toBeUndefined();
      const alerts = rule.spec.groups.flatMap((g) => g.rules);
      expect(alerts.map((a) => a.alert)).toContain("PortalDown");
      for (const a of alerts) expect(a.expr, a.alert).toContain(`job="${service.metadata.name}"`);
    });
  }
});

describe("the schema validation and the renderer", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("the schemas reject a broken object (so a passing validation means something)", async () => {
    const broken = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: { selector: {}, template: { spec: { containers: [{ image: "x" }] } } } };
    expect(await validationError(broken)).toMatch(/must have required property .?name/);
    const monitor = {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata: { name: "x" },
      spec: { selector: {}, endpoints: [{ port: "http", interval: "every minute" }] },
    };
    expect(await validationError(monitor)).toMatch(/interval/);
    const rule = {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata: { name: "x" },
      spec: { groups: [{ name: "g", rules: [{ alert: "A", expr: "up == 0", for: "two minutes" }] }] },
    };
    expect(await validationError(rule)).toMatch(/\/for/);
    const { expr: _expr, ...noExpr } = rule.spec.groups[0]!.rules[0]!;
    expect(await validationError({ ...rule, spec: { groups: [{ name: "g", rules: [{ ...noExpr, for: "2m" }] }] } })).toMatch(/expr/);
  });

  it("merges strategically: maps merge, null deletes, named lists merge by name, other lists are replaced", () => {
    const base = {
      spec: {
        volumes: [
          { name: "data", emptyDir: {} },
          { name: "tmp", emptyDir: {} },
        ],
        args: ["a"],
        keep: 1,
      },
    };
    const patch = {
      spec: {
        volumes: [
          { name: "data", emptyDir: null, persistentVolumeClaim: { claimName: "c" } },
          { name: "new", emptyDir: {} },
        ],
        args: ["b"],
      },
    };
    expect(strategicMerge(base, patch)).toEqual({
      spec: {
        volumes: [
          { name: "data", persistentVolumeClaim: { claimName: "c" } },
          { name: "tmp", emptyDir: {} },
          { name: "new", emptyDir: {} },
        ],
        args: ["b"],
        keep: 1,
      },
    });
  });

  it("refuses what it does not support, and a patch that matches nothing", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kustomize-lite-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, "kustomization.yaml"), "resources: []\ncommonLabels:\n  a: b\n");
    expect(() => renderKustomization(dir)).toThrow(RenderError);
    expect(() => renderKustomization(dir)).toThrow(/commonLabels/);
    mkdirSync(path.join(dir, "p"));
    writeFileSync(path.join(dir, "p/kustomization.yaml"), "resources: []\npatches:\n  - path: x.yaml\n");
    writeFileSync(path.join(dir, "p/x.yaml"), "apiVersion: v1\nkind: Service\nmetadata:\n  name: nothing\n");
    expect(() => renderKustomization(path.join(dir, "p"))).toThrow(/matches no Service named nothing/);
  });
});
