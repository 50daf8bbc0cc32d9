import type { JsonValue } from '../graphql/ast.js';
import { GraphqlFieldError } from '../graphql/errors.js';

// OpenCTI's FilterGroup (`{mode, filters: [{key, values, operator, mode}], filterGroups}`), evaluated in
// memory over the records' string fields. The Python charm sends exactly one `name starts_with` filter
// (canonical/opencti-operator src/opencti.py); the other common operators are here so tests and demos
// can list users in the ways OpenCTI allows. Matching is case-sensitive (OpenCTI's may not be).

function unsupported(message: string): GraphqlFieldError {
  return new GraphqlFieldError(message, 'UNSUPPORTED_ERROR', { http_status: 500, genre: 'BUSINESS' });
}

function asList(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Test = (field: string | undefined, value: string) => boolean;

const OPERATORS: Readonly<Record<string, Test>> = {
  eq: (f, v) => f === v,
  not_eq: (f, v) => f !== v,
  starts_with: (f, v) => f?.startsWith(v) ?? false,
  not_starts_with: (f, v) => !(f?.startsWith(v) ?? false),
  ends_with: (f, v) => f?.endsWith(v) ?? false,
  not_ends_with: (f, v) => !(f?.endsWith(v) ?? false),
  contains: (f, v) => f?.includes(v) ?? false,
  not_contains: (f, v) => !(f?.includes(v) ?? false),
};

function combine(mode: JsonValue | undefined, results: boolean[]): boolean {
  if (mode !== undefined && mode !== null && mode !== 'and' && mode !== 'or') {
    throw unsupported(`Unknown filter mode ${JSON.stringify(mode)}`);
  }
  return mode === 'and' ? results.every(Boolean) : results.some(Boolean);
}

function matchesFilter(record: Record<string, unknown>, filter: JsonValue, keys: readonly string[]): boolean {
  if (!isObject(filter)) throw unsupported('A filter must be an object');
  const filterKeys = asList(filter.key).map(String);
  const unknown = filterKeys.filter((k) => !keys.includes(k));
  if (filterKeys.length === 0 || unknown.length > 0) {
    throw unsupported(`incorrect filter keys not existing in any schema definition: ${unknown.join(', ')}`);
  }
  const operator = typeof filter.operator === 'string' ? filter.operator : 'eq';
  const perKey = filterKeys.map((key) => {
    const raw = record[key];
    const field = typeof raw === 'string' ? raw : undefined;
    if (operator === 'nil') return field === undefined || field === '';
    if (operator === 'not_nil') return field !== undefined && field !== '';
    const test = OPERATORS[operator];
    if (!test) throw unsupported(`Filter operator ${operator} is not supported by the fake OpenCTI server`);
    const values = asList(filter.values).map(String);
    // Negative operators must hold for every value, positive ones for at least one, unless `mode` says.
    const defaultMode = operator.startsWith('not_') ? 'and' : 'or';
    return combine(
      filter.mode ?? defaultMode,
      values.map((v) => test(field, v)),
    );
  });
  return perKey.some(Boolean);
}

/** Whether `record` passes an OpenCTI FilterGroup; null/undefined filters let everything through. */
export function matchesFilterGroup(
  record: Record<string, unknown>,
  group: JsonValue | undefined,
  keys: readonly string[],
): boolean {
  if (group === undefined || group === null) return true;
  if (!isObject(group)) throw unsupported('filters must be a FilterGroup object');
  const results = [
    ...asList(group.filters).map((f) => matchesFilter(record, f, keys)),
    ...asList(group.filterGroups).map((g) => matchesFilterGroup(record, g, keys)),
  ];
  if (results.length === 0) return true;
  return combine(group.mode ?? 'and', results);
}
