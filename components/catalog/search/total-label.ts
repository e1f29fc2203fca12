// The search page's "N datasets" line, from the two calls that know how many match.
import type { RouterOutputs } from "@/server/api/root";
import { formatCount } from "../format";

type SearchOutput = RouterOutputs["catalog"]["search"];
type FacetsOutput = RouterOutputs["catalog"]["facets"];

/**
 * How many datasets match, as exact as we know: the search's own count up to 1,000; beyond, the
 * facets' total once it has come (exact up to 2,000 matches, then estimated from a sample: "About
 * 12,400"); until then "1,000+".
 */
export function totalLabel(search: SearchOutput | undefined, facets: FacetsOutput | undefined): { count: number; text: string } {
  if (!search) return { count: 0, text: "0" };
  if (!search.totalCapped) return { count: search.total, text: formatCount(search.total) };
  if (!facets || facets.total <= search.total) return { count: search.total, text: `${formatCount(search.total)}+` };
  return { count: facets.total, text: facets.estimated ? `About ${formatCount(facets.total)}` : formatCount(facets.total) };
}
