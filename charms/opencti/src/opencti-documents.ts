// The GraphQL documents of the four calls. They select the same fields and pass the same arguments as
// canonical/opencti-operator src/opencti.py builds with gql's DSL against its bundled schema
// (src/opencti.graphql); here arguments travel as variables instead of inline literals.

/** `list_users`: `users(filters)` with each user's id, name, email, status and API token. */
export const LIST_USERS = `query ListUsers($filters: FilterGroup) {
  users(filters: $filters) {
    edges { node { id name user_email account_status api_token } }
  }
}`;

/** `create_user`: `userAdd(input)` selecting the same fields as `users`. */
export const CREATE_USER = `mutation CreateUser($input: UserAddInput!) {
  userAdd(input: $input) { id name user_email account_status api_token }
}`;

/** `list_groups`: every group's id and name. */
export const LIST_GROUPS = `query ListGroups {
  groups {
    edges { node { id name } }
  }
}`;

/** `set_account_status`: `userEdit(id).fieldPatch` replacing `account_status`. */
export const SET_ACCOUNT_STATUS = `mutation SetAccountStatus($id: ID!, $input: [EditInput]!) {
  userEdit(id: $id) {
    fieldPatch(input: $input) { id }
  }
}`;

/**
 * The `users` filter for a name prefix, as the original sends it. `key` and `values` are lists here:
 * the schema types them `[String!]!` / `[Any!]!`, and GraphQL coerces the original's single string to a
 * one-item list anyway.
 */
export function nameStartsWithFilter(prefix: string): Record<string, unknown> {
  return {
    mode: 'and',
    filters: [{ key: ['name'], values: [prefix], operator: 'starts_with', mode: 'and' }],
    filterGroups: [],
  };
}
