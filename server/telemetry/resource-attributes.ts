// OTEL_RESOURCE_ATTRIBUTES ("k8s.pod.name=web-1,k8s.namespace.name=lakehouse"): attributes that
// describe where the process runs, put on every exported span's resource. Parsed here, with the
// rest of the configuration, because the SDK's own reader drops the whole value silently on one
// malformed pair (an operator would only notice that pod names are missing from every trace).
// The format is the specification's: comma-separated key=value pairs, "," and "=" inside keys or
// values percent-encoded, at most 255 characters per key and per value.
import { z } from "zod";

const MAX_LENGTH = 255;

export function parseResourceAttributes(text: string | undefined, ctx: z.RefinementCtx): Record<string, string> {
  if (text === undefined) return {};
  const attributes: Record<string, string> = {};
  for (const pair of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const problem = problemOf(pair);
    if (problem) {
      ctx.addIssue({ code: "custom", message: `"${pair.slice(0, 80)}": ${problem}` });
      return z.NEVER;
    }
    const [key, value] = pair.split("=").map((part) => decodeURIComponent(part.trim())) as [string, string];
    attributes[key] = value;
  }
  return attributes;
}

function problemOf(pair: string): string | undefined {
  const parts = pair.split("=");
  if (parts.length !== 2) return 'must be key=value (percent-encode "," and "=" inside a key or value, e.g. %2C)';
  const decoded: string[] = [];
  for (const part of parts) {
    try {
      decoded.push(decodeURIComponent(part.trim()));
    } catch {
      return "has a % that does not start a percent-encoded character";
    }
  }
  const [key, value] = decoded as [string, string];
  if (!key) return "has an empty key";
  if (key.length > MAX_LENGTH || value.length > MAX_LENGTH) return `keys and values must be at most ${MAX_LENGTH} characters`;
  // Kubernetes leaves "$(POD_NAME)" as it is when no variable of that name is defined earlier
  // in the container's env: refuse it rather than label every span with the literal text.
  if (/\$\([A-Za-z_][A-Za-z0-9_]*\)/.test(value))
    return `${value} is an unexpanded Kubernetes variable reference (define it before OTEL_RESOURCE_ATTRIBUTES in the container's env)`;
  return undefined;
}
