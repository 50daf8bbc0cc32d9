/** A user as the fake stores it (no password: the fake never needs it, so it never keeps it). */
export interface FakeUser {
  id: string;
  name: string;
  user_email: string;
  firstname: string;
  lastname: string;
  /** OpenCTI's account status: `Active`, `Inactive`, `Locked` or `Expired`. */
  account_status: string;
  /** The user's API token (a uuid v4, as OpenCTI generates them). */
  api_token: string;
  /** Ids of the groups the user belongs to. */
  groups: string[];
  created_at: string;
  updated_at: string;
}

/** A group as the fake stores it. */
export interface FakeGroup {
  id: string;
  name: string;
  created_at: string;
}

/** Everything the fake holds; this is also the JSON layout of the `--state` file. */
export interface FakeOpenctiState {
  users: FakeUser[];
  groups: FakeGroup[];
}

/** The account statuses OpenCTI knows. */
export const ACCOUNT_STATUSES: readonly string[] = ['Active', 'Inactive', 'Locked', 'Expired'];
