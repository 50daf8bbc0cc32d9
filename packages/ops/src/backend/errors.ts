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

/** `get_relation(name)` found more than one relation on the endpoint. */
export class TooManyRelatedAppsError extends ModelError {
  override name = 'TooManyRelatedAppsError';
  constructor(
    readonly relationName: string,
    readonly numRelated: number,
    readonly maxSupported: number,
  ) {
    super(`Too many remote applications on ${relationName} (${numRelated} > ${maxSupported})`);
  }
}

/** Base of the relation-data errors raised locally before any tool runs. */
export class RelationDataError extends ModelError {
  override name = 'RelationDataError';
}

/** A relation data key or value is not a string. */
export class RelationDataTypeError extends RelationDataError {
  override name = 'RelationDataTypeError';
}

/** This unit may not read or write that data bag. */
export class RelationDataAccessError extends RelationDataError {
  override name = 'RelationDataAccessError';
}

/** A status that charms cannot set (error, unknown) or an unknown status name. */
export class InvalidStatusError extends ModelError {
  override name = 'InvalidStatusError';
}
