/** Base of every error raised when Juju refuses or fails an operation; carries the tool's stderr. */
export class ModelError extends Error {
  override name = 'ModelError';
  constructor(message = '', options?: ErrorOptions) {
    super(message, options);
  }
}

/** The relation does not exist (any more), as reported by a `relation-*`/`network-*` tool. */
export class RelationNotFoundError extends ModelError {
  override name = 'RelationNotFoundError';
}

/** The secret does not exist or this unit may not see it. */
export class SecretNotFoundError extends ModelError {
  override name = 'SecretNotFoundError';
}
