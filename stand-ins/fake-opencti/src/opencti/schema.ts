import type { Schema } from '../graphql/schema.js';

// The slice of OpenCTI's schema the fake serves, with the same type, field and argument names as
// OpenCTI's (canonical/opencti-operator src/opencti.graphql bundles a copy of it).
const CONNECTION_ARGS = ['first', 'after', 'orderBy', 'orderMode', 'filters', 'search'] as const;

const PAGE_INFO = {
  startCursor: { type: 'String' },
  endCursor: { type: 'String' },
  hasNextPage: { type: 'Boolean' },
  hasPreviousPage: { type: 'Boolean' },
  globalCount: { type: 'Int' },
};

/** The fake's GraphQL schema: `users`, `groups`, `userAdd`, `userEdit { fieldPatch tokenRenew }`. */
export const OPENCTI_SCHEMA: Schema = {
  Query: {
    users: { type: 'UserConnection', args: [...CONNECTION_ARGS, 'toStix'] },
    groups: { type: 'GroupConnection', args: CONNECTION_ARGS },
  },
  Mutation: {
    userAdd: { type: 'User', args: ['input'] },
    userEdit: { type: 'UserEditMutations', args: ['id'] },
  },
  UserEditMutations: {
    fieldPatch: { type: 'User', args: ['input'] },
    tokenRenew: { type: 'User' },
  },
  UserConnection: {
    edges: { type: 'UserEdge', list: true },
    pageInfo: { type: 'PageInfo' },
  },
  UserEdge: { cursor: { type: 'String' }, node: { type: 'User' } },
  User: {
    id: { type: 'ID' },
    standard_id: { type: 'String' },
    entity_type: { type: 'String' },
    name: { type: 'String' },
    user_email: { type: 'String' },
    firstname: { type: 'String' },
    lastname: { type: 'String' },
    account_status: { type: 'String' },
    api_token: { type: 'String' },
    created_at: { type: 'DateTime' },
    updated_at: { type: 'DateTime' },
    groups: { type: 'GroupConnection', args: CONNECTION_ARGS },
  },
  GroupConnection: {
    edges: { type: 'GroupEdge', list: true },
    pageInfo: { type: 'PageInfo' },
  },
  GroupEdge: { cursor: { type: 'String' }, node: { type: 'Group' } },
  Group: {
    id: { type: 'ID' },
    standard_id: { type: 'String' },
    entity_type: { type: 'String' },
    name: { type: 'String' },
    created_at: { type: 'DateTime' },
  },
  PageInfo: PAGE_INFO,
};
