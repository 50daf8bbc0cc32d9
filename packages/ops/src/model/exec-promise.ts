import type { ExecProcess } from '@ops-ts/pebble';

/**
 * What `Container.exec` returns: a promise of the running process that also offers `wait()` and
 * `waitOutput()`, so `await container.exec(['ls']).waitOutput()` reads as ops's
 * `container.exec(['ls']).wait_output()`.
 */
export interface ExecPromise<T extends string | Buffer> extends Promise<ExecProcess<T>> {
  /** Waits for the command; resolves 0, throws ExecError on a non-zero exit. */
  wait(): Promise<number>;
  /** Waits for the command and returns its output; ExecError (with the output) on a non-zero exit. */
  waitOutput(): Promise<{ stdout: T; stderr: T | null }>;
}

/** Adds `wait` and `waitOutput` to a promise of a process. */
export function execPromise<T extends string | Buffer>(started: Promise<ExecProcess<T>>): ExecPromise<T> {
  return Object.assign(started, {
    wait: () => started.then((p) => p.wait()),
    waitOutput: () => started.then((p) => p.waitOutput()),
  });
}
