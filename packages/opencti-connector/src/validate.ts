import {
  type GeneratedValidationError,
  type GeneratedValidator,
  validateProviderAppData,
  validateRequirerAppData,
} from './generated/validators.js';
import type { ProviderAppData } from './schema/provider-schema.js';
import type { RequirerAppData } from './schema/requirer-schema.js';

/** A databag checked against its schema: the typed data, or the problems, each naming the field. */
export type Validated<T> = { ok: true; data: T } | { ok: false; problems: string[] };

const SHOWN = 40;

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}

function problem(error: GeneratedValidationError, data: Readonly<Record<string, unknown>>): string {
  if (error.keyword === 'required') return `${String(error.params.missingProperty)} is missing`;
  const field = error.instancePath.replace(/^\//, '');
  const where = field || 'the databag';
  return `${where} ${error.message ?? 'is invalid'} (got ${show(field ? data[field] : data)})`;
}

function check<T>(validate: GeneratedValidator, bag: Readonly<Record<string, string>>): Validated<T> {
  if (validate(bag)) return { ok: true, data: bag as T };
  return { ok: false, problems: (validate.errors ?? []).map((e) => problem(e, bag)) };
}

/** Checks a connector's application databag against the `opencti_connector/v0` provider schema. */
export function checkProviderAppData(bag: Readonly<Record<string, string>>): Validated<ProviderAppData> {
  return check(validateProviderAppData, bag);
}

/** Checks the platform's application databag against the `opencti_connector/v0` requirer schema. */
export function checkRequirerAppData(bag: Readonly<Record<string, string>>): Validated<RequirerAppData> {
  return check(validateRequirerAppData, bag);
}
