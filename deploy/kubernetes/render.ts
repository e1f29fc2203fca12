// A renderer for the subset of kustomize these manifests use, so the test suite can render and
// validate them on a machine without a recent kubectl (Debian's kubernetes-client is 1.20, whose
// kustomize v2 predates `patches` and directory resources). Where `kubectl kustomize` is present
// the tests check that both render the same objects.
//
// Supported: `resources` (YAML files, or folders with a kustomization.yaml), `namespace`,
// `images` (name → newName/newTag), `patches` with `path` (strategic merge: maps merge, `null`
// deletes a key, lists of named objects merge by name). Anything else is refused, not ignored.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown };

const SUPPORTED = new Set(["apiVersion", "kind", "resources", "namespace", "images", "patches"]);
/** Kinds without a namespace among those we render. */
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "CustomResourceDefinition"]);
/** Lists whose items strategic merge matches by `name` (Kubernetes' patchMergeKey for these fields). */
const MERGE_BY_NAME = new Set(["containers", "initContainers", "volumes", "volumeMounts", "env"]);

type Kustomization = {
  resources?: string[];
  namespace?: string;
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { path?: string; [k: string]: unknown }[];
};

export class RenderError extends Error {}

function readYaml(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, "utf8"))
    .map((doc) => {
      if (doc.errors.length) throw new RenderError(`${file}: ${doc.errors[0]!.message}`);
      return doc.toJS() as unknown;
    })
    .filter((doc) => doc !== null);
}

export function renderKustomization(dir: string): KubeObject[] {
  const [k] = readYaml(path.join(dir, "kustomization.yaml")) as Kustomization[];
  if (!k) throw new RenderError(`${dir}: empty kustomization.yaml`);
  for (const field of Object.keys(k)) if (!SUPPORTED.has(field)) throw new RenderError(`${dir}: kustomization field "${field}" is not supported by this renderer`);

  let objects: KubeObject[] = [];
  for (const resource of k.resources ?? []) {
    const target = path.resolve(dir, resource);
    if (statSync(target).isDirectory()) objects.push(...renderKustomization(target));
    else objects.push(...(readYaml(target) as KubeObject[]));
  }
  for (const patch of k.patches ?? []) {
    if (!patch.path || Object.keys(patch).length !== 1) throw new RenderError(`${dir}: only patches with a path (strategic merge) are supported`);
    for (const p of readYaml(path.resolve(dir, patch.path)) as KubeObject[]) {
      const index = objects.findIndex((o) => o.kind === p.kind && o.metadata.name === p.metadata.name);
      if (index < 0) throw new RenderError(`${dir}: patch ${patch.path} matches no ${p.kind} named ${p.metadata.name}`);
      objects[index] = strategicMerge(objects[index], p) as KubeObject;
    }
  }
  if (k.images) objects = objects.map((o) => setImages(o, k.images!) as KubeObject);
  if (k.namespace) for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  return objects;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function strategicMerge(base: unknown, patch: unknown, key = ""): unknown {
  if (isMap(base) && isMap(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = k in base ? strategicMerge(base[k], v, k) : stripNulls(v);
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(patch) && MERGE_BY_NAME.has(key)) {
    const out = [...base];
    for (const item of patch as { name?: string }[]) {
      const at = out.findIndex((b) => isMap(b) && b.name === item.name);
      if (at >= 0) out[at] = strategicMerge(out[at], item);
      else out.push(stripNulls(item));
    }
    return out;
  }
  return stripNulls(patch);
}

function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === null ? [] : [[k, stripNulls(v)]])));
  return value;
}

function setImages(value: unknown, images: NonNullable<Kustomization["images"]>, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => setImages(v, images, key));
  if (!isMap(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = setImages(v, images, k);
  if ((key === "containers" || key === "initContainers") && typeof out.image === "string") {
    const [name, tag] = splitImage(out.image);
    const rule = images.find((i) => i.name === name);
    if (rule) out.image = `${rule.newName ?? name}:${rule.newTag ?? tag ?? "latest"}`;
  }
  return out;
}

function splitImage(image: string): [string, string | undefined] {
  const at = image.lastIndexOf(":");
  return at > image.lastIndexOf("/") ? [image.slice(0, at), image.slice(at + 1)] : [image, undefined];
}
