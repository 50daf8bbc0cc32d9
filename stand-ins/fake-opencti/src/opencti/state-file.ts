import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { FakeGroup, FakeOpenctiState, FakeUser } from './records.js';

/** The `--state` file exists but does not hold a fake OpenCTI state. */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.every((key) => typeof value[key] === 'string');
}

function isUser(value: unknown): value is FakeUser {
  return (
    isRecord(value) &&
    strings(value, ['id', 'name', 'user_email', 'firstname', 'lastname', 'account_status', 'api_token']) &&
    Array.isArray(value.groups) &&
    value.groups.every((g) => typeof g === 'string')
  );
}

function isGroup(value: unknown): value is FakeGroup {
  return isRecord(value) && strings(value, ['id', 'name']);
}

/** Read a state file; undefined when it does not exist yet. */
export function loadState(file: string): FakeOpenctiState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`cannot read state file ${file}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new StateFileError(`state file ${file} is not JSON: ${(e as Error).message}`);
  }
  if (
    !isRecord(parsed) ||
    !Array.isArray(parsed.users) ||
    !parsed.users.every(isUser) ||
    !Array.isArray(parsed.groups) ||
    !parsed.groups.every(isGroup)
  ) {
    throw new StateFileError(`state file ${file} does not hold {users, groups} of a fake OpenCTI server`);
  }
  const now = new Date(0).toISOString();
  return {
    users: parsed.users.map((u) => ({
      ...u,
      created_at: u.created_at ?? now,
      updated_at: u.updated_at ?? now,
    })),
    groups: parsed.groups.map((g) => ({ ...g, created_at: g.created_at ?? now })),
  };
}

/**
 * Write the state atomically (temporary file + rename) with mode 0600: it holds API tokens. The chmod
 * covers a target that already existed with wider permissions.
 */
export function saveState(file: string, state: FakeOpenctiState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
