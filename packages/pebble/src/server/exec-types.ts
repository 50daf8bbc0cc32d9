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
  /**
   * Everything the client sends on stdin, once it sends its end frame. The command starts when the
   * websockets connect (as in Pebble); a handler that never reads stdin (like `true`) finishes without
   * waiting for it, one that does (like `cat`) waits, and the exec timeout still applies.
   */
  readStdin(): Promise<Buffer>;
  /** Calls `listener` with each stdin chunk as it arrives, and with null at the end frame. */
  onStdin(listener: (chunk: Buffer | null) => void): void;
  /** Send output to the client now (for commands that stream); the result's output follows it. */
  write(stream: 'stdout' | 'stderr', data: string | Buffer): void;
  /** Calls `listener` with each signal name the client sends on the control websocket. */
  onSignal(listener: (name: string) => void): void;
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

/**
 * Whether the command's executable exists, decided at `POST /v1/exec` (Pebble's exec.LookPath); when it
 * does not, the exec is refused with `cannot find executable` and no change is made.
 */
export type ExecLookup = (executable: string, environment: Readonly<Record<string, string>>) => boolean;
