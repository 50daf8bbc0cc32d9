import type { JsonValue } from '../graphql/ast.js';
import { functionalError, GraphqlFieldError } from '../graphql/errors.js';
import type { Resolvers } from '../graphql/execute.js';
import { type OpenctiContext, requireAccessAdmin } from './auth.js';
import { matchesFilterGroup } from './filters.js';
import { ACCOUNT_STATUSES, type FakeGroup, type FakeUser } from './records.js';
import type { UserPatch } from './store.js';

const USER_FILTER_KEYS = ['id', 'name', 'user_email', 'firstname', 'lastname', 'account_status'] as const;
const GROUP_FILTER_KEYS = ['id', 'name'] as const;

// The fields of OpenCTI's UserAddInput (canonical/opencti-operator src/opencti.graphql). GraphQL refuses
// any other field, e.g. the `first_name`/`last_name` that the Python client's dict carries (gql's DSL
// drops them silently before sending).
const USER_ADD_FIELDS = new Set([
  'user_email',
  'name',
  'password',
  'firstname',
  'lastname',
  'description',
  'language',
  'theme',
  'objectOrganization',
  'account_status',
  'account_lock_after_date',
  'unit_system',
  'submenu_show_icons',
  'submenu_auto_collapse',
  'monochrome_labels',
  'groups',
  'user_confidence_level',
]);

const PATCHABLE_USER_FIELDS = new Set(['name', 'user_email', 'firstname', 'lastname', 'account_status']);

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badInput(message: string): GraphqlFieldError {
  return new GraphqlFieldError(message, 'BAD_USER_INPUT');
}

function notFound(): GraphqlFieldError {
  return new GraphqlFieldError('Element(s) not found', 'MISSING_REFERENCE_ERROR', {
    http_status: 404,
    genre: 'BUSINESS',
  });
}

function userView(user: FakeUser): Record<string, unknown> {
  return { ...user, entity_type: 'User', standard_id: `user--${user.id}` };
}

function groupView(group: FakeGroup): Record<string, unknown> {
  return { ...group, entity_type: 'Group', standard_id: `group--${group.id}` };
}

// A Relay connection over an in-memory list: filters, a case-insensitive `search`, `first`.
function connection<T extends { id: string }>(
  items: T[],
  args: Record<string, JsonValue>,
  keys: readonly string[],
  searchIn: (item: T) => string[],
  view: (item: T) => Record<string, unknown>,
): Record<string, unknown> {
  const search = typeof args.search === 'string' ? args.search.toLowerCase() : '';
  const matching = items
    .filter((item) => matchesFilterGroup(item as unknown as Record<string, unknown>, args.filters, keys))
    .filter((item) => !search || searchIn(item).some((s) => s.toLowerCase().includes(search)));
  const first = typeof args.first === 'number' && args.first >= 0 ? args.first : matching.length;
  const page = matching.slice(0, first);
  return {
    edges: page.map((item) => ({ cursor: item.id, node: view(item) })),
    pageInfo: {
      startCursor: page[0]?.id ?? '',
      endCursor: page.at(-1)?.id ?? '',
      hasNextPage: page.length < matching.length,
      hasPreviousPage: false,
      globalCount: matching.length,
    },
  };
}

function userAdd(input: JsonValue | undefined, context: OpenctiContext): Record<string, unknown> {
  if (!isObject(input)) throw badInput('Field "input" of required type "UserAddInput!" was not provided.');
  for (const key of Object.keys(input)) {
    if (!USER_ADD_FIELDS.has(key)) throw badInput(`Field "${key}" is not defined by type "UserAddInput".`);
  }
  for (const key of ['user_email', 'name', 'password']) {
    if (typeof input[key] !== 'string') {
      throw badInput(`Field "${key}" of required type "String!" was not provided.`);
    }
  }
  const name = (input.name as string).trim();
  const email = input.user_email as string;
  if (name.length < 2)
    throw new GraphqlFieldError('Invalid field name', 'VALIDATION_ERROR', { field: 'name' });
  if (email.length < 5 || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw new GraphqlFieldError('Invalid field user_email', 'VALIDATION_ERROR', { field: 'user_email' });
  }
  const status = typeof input.account_status === 'string' ? input.account_status : 'Active';
  if (!ACCOUNT_STATUSES.includes(status)) throw functionalError(`Invalid account status ${status}`);
  const groups = Array.isArray(input.groups) ? input.groups.map(String) : [];
  if (groups.some((id) => !context.store.groupById(id))) throw notFound();
  if (context.store.users().some((u) => u.user_email === email)) throw functionalError('User already exists');
  const user = context.store.addUser({
    name,
    user_email: email,
    firstname: typeof input.firstname === 'string' ? input.firstname : '',
    lastname: typeof input.lastname === 'string' ? input.lastname : '',
    account_status: status,
    groups,
  });
  const groupNames = groups.map((id) => context.store.groupById(id)?.name ?? id);
  context.log?.(`userAdd ${user.name} (${user.account_status}) groups=[${groupNames.join(', ')}]`);
  return userView(user);
}

function fieldPatch(
  userId: string,
  input: JsonValue | undefined,
  context: OpenctiContext,
): Record<string, unknown> {
  if (!context.store.userById(userId)) throw notFound();
  const patch: UserPatch = {};
  for (const edit of Array.isArray(input) ? input : [input]) {
    if (!isObject(edit) || typeof edit.key !== 'string') throw badInput('EditInput needs a "key"');
    if (!PATCHABLE_USER_FIELDS.has(edit.key)) {
      throw functionalError(`The fake OpenCTI server cannot patch the user field ${edit.key}`);
    }
    if ((edit.operation ?? 'replace') !== 'replace') {
      throw functionalError(`The fake OpenCTI server only supports the replace operation on ${edit.key}`);
    }
    const value = Array.isArray(edit.value) ? edit.value[0] : edit.value;
    if (typeof value !== 'string') throw functionalError(`A string value is needed for ${edit.key}`);
    if (edit.key === 'account_status' && !ACCOUNT_STATUSES.includes(value)) {
      throw functionalError(`Invalid account status ${value}`);
    }
    patch[edit.key as keyof UserPatch] = value;
  }
  const user = context.store.patchUser(userId, patch);
  if (!user) throw notFound();
  const changes = Object.entries(patch).map(([k, v]) => `${k}=${v}`);
  context.log?.(`userEdit ${user.name} ${changes.join(' ')}`);
  return userView(user);
}

function parentId(parent: unknown): string {
  return String((parent as { id: unknown }).id);
}

/** How the fake answers each field of its schema. */
export const OPENCTI_RESOLVERS: Resolvers<OpenctiContext> = {
  Query: {
    users: (_parent, args, context) => {
      requireAccessAdmin(context);
      return connection(
        context.store.users(),
        args,
        USER_FILTER_KEYS,
        (u) => [u.name, u.user_email],
        userView,
      );
    },
    groups: (_parent, args, context) => {
      requireAccessAdmin(context);
      return connection(context.store.groups(), args, GROUP_FILTER_KEYS, (g) => [g.name], groupView);
    },
  },
  Mutation: {
    userAdd: (_parent, args, context) => {
      requireAccessAdmin(context);
      return userAdd(args.input, context);
    },
    userEdit: (_parent, args, context) => {
      requireAccessAdmin(context);
      if (typeof args.id !== 'string') throw badInput('Field "id" of required type "ID!" was not provided.');
      return { id: args.id };
    },
  },
  UserEditMutations: {
    fieldPatch: (parent, args, context) => fieldPatch(parentId(parent), args.input, context),
    tokenRenew: (parent, _args, context) => {
      const user = context.store.renewToken(parentId(parent));
      if (!user) throw notFound();
      context.log?.(`userEdit ${user.name} tokenRenew`);
      return userView(user);
    },
  },
  User: {
    groups: (parent, args, context) => {
      const ids = (parent as { groups: string[] }).groups;
      const groups = context.store.groups().filter((g) => ids.includes(g.id));
      return connection(groups, args, GROUP_FILTER_KEYS, (g) => [g.name], groupView);
    },
  },
};
