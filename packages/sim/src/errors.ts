/** An operator error (bad input, unknown name): the CLI prints its message as one `ERROR` line. */
export class SimError extends Error {
  override readonly name = 'SimError';
}

/** Another command holds the model's lock. */
export class ModelLockedError extends SimError {}
