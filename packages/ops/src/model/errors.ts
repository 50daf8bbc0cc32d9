// The model's own errors: raised by the model objects before any hook tool runs (the backend's mapped
// tool errors are in backend/errors.ts).
import { ModelError } from '../backend/errors.js';

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
