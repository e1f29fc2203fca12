// The one schema of an engine id in procedure and route inputs (the catalog's, the workbench's,
// downloads): ids are short names from the engine registry ("duckdb", "trino").
import { z } from "zod";

export const engineId = z.string().trim().min(1, "is required").max(64, "must be at most 64 characters");
