// The `fake-opencti` command: a STAND-IN OpenCTI API server for tests and the demo. Prints one line,
// `listening on <url>`, to stdout once it accepts connections; logs changes (never tokens) to stderr;
// exits 0 on SIGTERM/SIGINT, and 1 (2 for usage errors) with one line on stderr when it cannot start.
import { ConfigError, parseCli, USAGE } from './config.js';
import { startFakeOpencti } from './fake-opencti.js';

async function run(): Promise<void> {
  const config = parseCli(process.argv.slice(2), process.env);
  if (config.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = config.quiet ? undefined : (line: string) => process.stderr.write(`fake-opencti: ${line}\n`);
  const fake = await startFakeOpencti({ ...config.options, ...(log ? { log } : {}) });
  process.stdout.write(`listening on ${fake.url}\n`);
  const stop = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

run().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  const detail = err.code === 'EADDRINUSE' ? `port already in use (${err.message})` : err.message;
  process.stderr.write(`fake-opencti: ${detail}\n`);
  if (e instanceof ConfigError) process.stderr.write('fake-opencti: see --help\n');
  process.exit(e instanceof ConfigError ? 2 : 1);
});
