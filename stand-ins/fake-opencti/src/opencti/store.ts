import { randomUUID } from 'node:crypto';
import type { FakeGroup, FakeOpenctiState, FakeUser } from './records.js';

/** Fields a new user is created with (the fake assigns id, token and timestamps). */
export interface NewUser {
  name: string;
  user_email: string;
  firstname: string;
  lastname: string;
  account_status: string;
  groups: string[];
}

/** The fields `userEdit.fieldPatch` may change. */
export type UserPatch = Partial<
  Pick<FakeUser, 'name' | 'user_email' | 'firstname' | 'lastname' | 'account_status'>
>;

function copyUser(user: FakeUser): FakeUser {
  return { ...user, groups: [...user.groups] };
}

/** Users and groups in memory; every change is handed to `persist` (the `--state` file, when given). */
export class OpenctiStore {
  private readonly state: FakeOpenctiState;

  constructor(
    initial: FakeOpenctiState,
    private readonly persist: (state: FakeOpenctiState) => void = () => {},
  ) {
    this.state = { users: initial.users.map(copyUser), groups: initial.groups.map((g) => ({ ...g })) };
  }

  /** A fresh state holding only the named groups. */
  static seed(groupNames: readonly string[]): FakeOpenctiState {
    const now = new Date().toISOString();
    return { users: [], groups: groupNames.map((name) => ({ id: randomUUID(), name, created_at: now })) };
  }

  /** Copies of all users, in creation order. */
  users(): FakeUser[] {
    return this.state.users.map(copyUser);
  }

  /** Copies of all groups. */
  groups(): FakeGroup[] {
    return this.state.groups.map((g) => ({ ...g }));
  }

  /** The stored state itself, for persistence and snapshots. */
  snapshot(): FakeOpenctiState {
    return { users: this.users(), groups: this.groups() };
  }

  userById(id: string): FakeUser | undefined {
    const user = this.state.users.find((u) => u.id === id);
    return user && copyUser(user);
  }

  userByToken(token: string): FakeUser | undefined {
    const user = this.state.users.find((u) => u.api_token === token);
    return user && copyUser(user);
  }

  groupById(id: string): FakeGroup | undefined {
    const group = this.state.groups.find((g) => g.id === id);
    return group && { ...group };
  }

  /** Create a user with a random id and API token. */
  addUser(input: NewUser): FakeUser {
    const now = new Date().toISOString();
    const user: FakeUser = {
      id: randomUUID(),
      ...input,
      groups: [...input.groups],
      api_token: randomUUID(),
      created_at: now,
      updated_at: now,
    };
    this.state.users.push(user);
    this.persist(this.snapshot());
    return copyUser(user);
  }

  /** Apply a patch; undefined when no user has that id. */
  patchUser(id: string, patch: UserPatch): FakeUser | undefined {
    const user = this.state.users.find((u) => u.id === id);
    if (!user) return undefined;
    Object.assign(user, patch, { updated_at: new Date().toISOString() });
    this.persist(this.snapshot());
    return copyUser(user);
  }

  /** Give the user a new API token (OpenCTI's `tokenRenew`); undefined when no user has that id. */
  renewToken(id: string): FakeUser | undefined {
    const user = this.state.users.find((u) => u.id === id);
    if (!user) return undefined;
    user.api_token = randomUUID();
    user.updated_at = new Date().toISOString();
    this.persist(this.snapshot());
    return copyUser(user);
  }

  /** Add a group (or return the existing one of that name). */
  addGroup(name: string): FakeGroup {
    const existing = this.state.groups.find((g) => g.name === name);
    if (existing) return { ...existing };
    const group = { id: randomUUID(), name, created_at: new Date().toISOString() };
    this.state.groups.push(group);
    this.persist(this.snapshot());
    return { ...group };
  }

  /** Remove a group by name and drop it from its members; false when there was none. */
  removeGroup(name: string): boolean {
    const index = this.state.groups.findIndex((g) => g.name === name);
    const group = this.state.groups[index];
    if (!group) return false;
    this.state.groups.splice(index, 1);
    for (const user of this.state.users) user.groups = user.groups.filter((id) => id !== group.id);
    this.persist(this.snapshot());
    return true;
  }
}
