// tRPC reads its input (JSON, then superjson's type annotations) inside the procedure call, where
// a malformed one surfaces as an internal error (500). Checked here first, the client gets a 400
// that says what is wrong, and nothing reaches a procedure.
import superjson, { type SuperJSONResult } from "superjson";

export const NOT_JSON = "Refused: the API input is not valid JSON.";
export const NOT_SUPERJSON = "Refused: the API input's superjson type annotations do not match its values.";
export const BATCH_NOT_OBJECT = "Refused: the input of a batch must be an object keyed by call index.";

function superjsonRefusal(input: unknown): string | null {
  if (input === undefined || input === null || typeof input !== "object") return null; // tRPC's own validation answers
  try {
    superjson.deserialize(input as SuperJSONResult);
    return null;
  } catch {
    return NOT_SUPERJSON;
  }
}

/** null when tRPC can read the input; else why it cannot. `text` is the body (POST) or the input parameter (GET). */
export function trpcInputRefusal(text: string | null, batch: boolean): string | null {
  if (text === null || text === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
  if (!batch) return superjsonRefusal(value);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return BATCH_NOT_OBJECT;
  for (const input of Object.values(value)) {
    const refusal = superjsonRefusal(input);
    if (refusal) return refusal;
  }
  return null;
}

/** The same for a Request to /api/trpc (its body already buffered by cappedRequest). */
export async function trpcRequestRefusal(req: Request): Promise<string | null> {
  const url = new URL(req.url);
  const batch = url.searchParams.get("batch") === "1";
  const text = req.method === "GET" ? url.searchParams.get("input") : await req.clone().text();
  return trpcInputRefusal(text, batch);
}
