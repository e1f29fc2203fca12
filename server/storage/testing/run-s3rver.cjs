// Runs s3rver in its own process: it encrypts continuation tokens with DES, which Node's
// OpenSSL 3 only offers with --openssl-legacy-provider (given by s3-server.ts), and a separate
// process is closer to a real S3 server anyway. Prints {"port":N} once listening.
const S3rver = require("s3rver");

const [directory, port, buckets] = process.argv.slice(2);
const server = new S3rver({
  address: "127.0.0.1",
  port: Number(port || 0),
  silent: true,
  directory,
  configureBuckets: (buckets ? buckets.split(",") : []).map((name) => ({ name })),
});
server.run().then(
  (address) => process.stdout.write(JSON.stringify({ port: address.port }) + "\n"),
  (err) => {
    process.stderr.write(`s3rver failed to start: ${err.message}\n`);
    process.exit(1);
  },
);
// Stop with the parent: never outlive the test run that started us.
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
