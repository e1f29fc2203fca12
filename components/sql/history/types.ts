import type { RouterOutputs } from "@/server/api/root";

/** One entry of SQL › History, as sql.history returns it. */
export type HistoryRun = RouterOutputs["sql"]["history"]["runs"][number];
