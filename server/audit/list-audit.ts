// Reading the audit log, newest first, filtered, with keyset paging: a page is "the N events
// older (or newer) than event X", which is one index range scan however deep the admin pages
// (OFFSET would read and drop every row before the page; a count of a million rows per page
// view would cost more than the page). Subjects are resolved to names per page (subjects.ts).
import type { z } from "zod";
import type { HandlerArgs } from "../handler";
import { auditWhere } from "./filters";
import { readableSubjects } from "./subjects";
import type { actorSuggestionsInput, listAuditInput } from "./schemas";

export async function listAuditEvents({ ctx, input }: HandlerArgs<z.infer<typeof listAuditInput>>) {
  const where = auditWhere(input.filter);
  const cursor = input.cursor ? BigInt(input.cursor) : null;
  const newer = input.direction === "newer" && cursor !== null;
  const rows = await ctx.db.auditEvent.findMany({
    where: cursor === null ? where : { AND: [where, { id: newer ? { gt: cursor } : { lt: cursor } }] },
    orderBy: { id: newer ? "asc" : "desc" },
    take: input.pageSize + 1,
  });
  const more = rows.length > input.pageSize;
  const page = rows.slice(0, input.pageSize);
  if (newer) page.reverse();
  const subjects = await readableSubjects(
    ctx.db,
    page.map((e) => e.subject),
  );
  return {
    events: page.map((e) => ({ ...e, id: e.id.toString(), subjectInfo: (e.subject && subjects.get(e.subject)) || null })),
    /** Paging: whether there are older/newer events than this page, and the ids to page from. */
    hasOlder: newer ? true : more,
    hasNewer: newer ? more : cursor !== null,
    olderCursor: page.at(-1)?.id.toString() ?? null,
    newerCursor: page[0]?.id.toString() ?? null,
  };
}

/** Actors to propose in the filter: portal users by e-mail or name. */
export async function auditActorSuggestions({ ctx, input }: HandlerArgs<z.infer<typeof actorSuggestionsInput>>) {
  const search = input.search;
  return ctx.db.user.findMany({
    where: search ? { OR: [{ email: { contains: search, mode: "insensitive" } }, { name: { contains: search, mode: "insensitive" } }] } : {},
    orderBy: { email: "asc" },
    take: 10,
    select: { email: true, name: true },
  });
}
