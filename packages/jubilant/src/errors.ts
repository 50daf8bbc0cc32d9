// The client's errors. CLIError mirrors jubilant's (canonical/jubilant jubilant/_juju.py `CLIError`, a
// CalledProcessError whose text includes stdout and stderr); WaitError and the timeout mirror `Juju.wait`'s.

/** The juju command exited non-zero: its argv (without the `juju` itself), exit code, stdout and stderr,
 * with any secret value this client handled replaced by `<redacted>`. */
export class CLIError extends Error {
  override readonly name = 'CLIError';
  /** The juju arguments, for example `['deploy', './greeter.charm']`. */
  readonly args: readonly string[];
  /** The exit code. */
  readonly exitCode: number;
  /** Standard output (redacted). */
  readonly stdout: string;
  /** Standard error (redacted). */
  readonly stderr: string;

  constructor(args: readonly string[], exitCode: number, stdout: string, stderr: string) {
    let message = `juju ${args.map(quote).join(' ')} exited with code ${exitCode}`;
    if (stdout) message += `\nStdout:\n${stdout}`;
    if (stderr) message += `\nStderr:\n${stderr}`;
    super(message);
    this.args = args;
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }
}

/** `Juju.wait`'s `error` callback returned true; the message ends with the last status seen. */
export class WaitError extends Error {
  override readonly name = 'WaitError';
}

/** `Juju.wait` ran out of time, or `juju run`/`juju exec` reported that its `--wait` ran out. */
export class JujuTimeoutError extends Error {
  override readonly name = 'JujuTimeoutError';
}

/** A shell-like rendering of one argument, for messages. */
function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'"'"'`)}'`;
}
