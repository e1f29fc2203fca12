// The input of each lineage operation (one zod schema per operation; types by z.infer).
import { z } from "zod";

/** Events as parsed from a request body (or built by the portal itself); each is checked on its own. */
export const ingestLineageInput = z.object({ events: z.array(z.unknown()) });
export type IngestLineageInput = z.infer<typeof ingestLineageInput>;
