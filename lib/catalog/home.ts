// Facts of the home page's lists that the server (server/catalog/home.ts) and the page both use.

/** "Popular" counts the people who opened or queried a dataset within this many days. */
export const POPULAR_WINDOW_DAYS = 30;

/** What "popular" means, in the words the page shows. */
export function popularMeaning(days: number): string {
  return `Most people in the last ${days} days: each person counts once, whether they opened the dataset's page or queried it in the SQL workbench.`;
}
