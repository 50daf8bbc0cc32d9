import type { Change } from './api-types.js';

/** Base class of every error raised by the Pebble client. */
export class PebbleError extends Error {
  override name = 'PebbleError';
}

/** The Pebble socket is missing or refuses connections (container down or restarting). */
export class ConnectionError extends PebbleError {
  override name = 'ConnectionError';
}

/** Pebble answered with something that is not the protocol we expect (bad JSON, wrong content type). */
export class ProtocolError extends PebbleError {
  override name = 'ProtocolError';
}

/** Pebble answered an HTTP error; `message` carries Pebble's text plus the endpoint. */
export class APIError extends PebbleError {
  override name = 'APIError';
  /** Pebble's own error message (`result.message`), without our decoration. */
  readonly detail: string;

  constructor(
    /** The parsed JSON body, or `{}` when it could not be parsed. */
    readonly body: Record<string, unknown>,
    /** HTTP status code, e.g. 404. */
    readonly code: number,
    /** HTTP status text, e.g. `Not Found`. */
    readonly status: string,
    detail: string,
    /** The request that failed, e.g. `GET /v1/services`. */
    readonly endpoint: string,
  ) {
    super(`${detail} (${endpoint}: ${code} ${status})`);
    this.detail = detail;
  }

  /** Pebble's error kind (`result.kind`), e.g. `not-found`, when present. */
  get kind(): string | undefined {
    const result = this.body.result;
    if (result && typeof result === 'object' && 'kind' in result && typeof result.kind === 'string') {
      return result.kind;
    }
    return undefined;
  }
}

/** A file operation failed for one path; `kind` is `not-found`, `permission-denied` or `generic-file-error`. */
export class PathError extends PebbleError {
  override name = 'PathError';

  constructor(
    /** Pebble's error kind. */
    readonly kind: string,
    /** Pebble's error message. */
    readonly detail: string,
  ) {
    super(`${kind} - ${detail}`);
  }
}

/** A change finished with an error; the message includes the logs of its tasks. */
export class ChangeError extends PebbleError {
  override name = 'ChangeError';

  constructor(
    /** The change's `err` text. */
    readonly err: string,
    /** The failed change. */
    readonly change: Change,
  ) {
    super(formatChangeError(err, change));
  }
}

// Same layout as ops: the error, then each task's log block.
function formatChangeError(err: string, change: Change): string {
  const parts = [err];
  change.tasks.forEach((task, i) => {
    if (task.log.length === 0) return;
    parts.push(`\n----- Logs from task ${i} -----\n`, task.log.join('\n'));
  });
  if (parts.length > 1) parts.push('\n-----');
  return parts.join('');
}

/** An exec'd command exited with a non-zero code. */
export class ExecError<T extends string | Buffer = string | Buffer> extends PebbleError {
  override name = 'ExecError';
  /** Output beyond this many characters is truncated in the message. */
  static readonly STR_MAX_OUTPUT = 1024;

  constructor(
    /** The command line that was run. */
    readonly command: readonly string[],
    /** The non-zero exit code. */
    readonly exitCode: number,
    /** Captured stdout (only from `waitOutput()`), else null. */
    readonly stdout: T | null,
    /** Captured stderr (only from `waitOutput()` without combineStderr), else null. */
    readonly stderr: T | null,
  ) {
    super(formatExecError(command, exitCode, stdout, stderr));
  }
}

function formatExecError(
  command: readonly string[],
  exitCode: number,
  stdout: string | Buffer | null,
  stderr: string | Buffer | null,
): string {
  let message = `non-zero exit code ${exitCode} executing ${JSON.stringify(command)}`;
  for (const [label, out] of [
    ['stdout', stdout],
    ['stderr', stderr],
  ] as const) {
    if (out === null) continue;
    const text = typeof out === 'string' ? out : out.toString('utf8');
    const truncated = text.length > ExecError.STR_MAX_OUTPUT ? ' [truncated]' : '';
    message += `, ${label}=${JSON.stringify(text.slice(0, ExecError.STR_MAX_OUTPUT))}${truncated}`;
  }
  return message;
}

/** A wait (request, change or exec) did not finish in time. */
export class TimeoutError extends PebbleError {
  override name = 'TimeoutError';
}

/** A layer or plan is invalid (Pebble's FormatError), e.g. a service without `override`. */
export class LayerError extends PebbleError {
  override name = 'LayerError';
}
