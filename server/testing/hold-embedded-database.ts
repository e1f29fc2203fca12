// Test helper run as a separate process (node --import tsx): starts the embedded database in the
// folder given as the first argument, prints "ready <pid> <url>", and holds it until SIGTERM,
// so tests can see what a second portal process on the same folder runs into.
import { startEmbeddedPostgres } from "../db/embedded";

const embedded = await startEmbeddedPostgres(process.argv[2]!);
process.stdout.write(`ready ${process.pid} ${embedded.url}\n`);
process.on("SIGTERM", () => {
  void embedded.stop().then(() => process.exit(0));
});
