/** What an exec handler is told about the command to "run". */
export interface ExecRequest {
  command: string[];
  environment: Record<string, string>;
  workingDir?: string;
  user?: string;
  userId?: number;
  group?: string;
  groupId?: number;
  serviceContext?: string;
  /** Everything the client sent on stdin (collected until its end frame). */
  stdin: Buffer;
  /** Aborted when the exec times out or its change is aborted. */
  signal: AbortSignal;
}

/** What an exec handler decides the command produced. */
export interface ExecResult {
  exitCode: number;
  stdout?: string | Buffer;
  stderr?: string | Buffer;
}

/** Decides the outcome of `exec` calls on a PebbleServer; may be sync or async. */
export type ExecHandler = (req: ExecRequest) => ExecResult | Promise<ExecResult>;
