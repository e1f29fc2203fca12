// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database
// in PORTAL_DATA_DIR when DATABASE_URL is not set (the portal must not be running then: one
// process owns the embedded database). The portal also does this by itself at every start.
import { ConfigError, loadConfig } from "../server/config/env";
import { startEmbeddedPostgres } from "../server/db/embedded";
import { migrate } from "../server/db/migrate";

async function run(): Promise<void> {
  const config = loadConfig();
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.dataDir);
  try {
    const result = await migrate(config.DATABASE_URL ?? embedded!.url, { onApply: (name) => console.log(`applying ${name}`) });
    console.log(`${result.applied.length} migration(s) applied, ${result.alreadyApplied} already applied.`);
    if (result.modifiedAfterApply.length) console.warn(`Edited after they were applied: ${result.modifiedAfterApply.join(", ")}`);
  } finally {
    await embedded?.stop();
  }
}

run().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `Migration failed: ${(err as Error).message}`);
  process.exit(1);
});
