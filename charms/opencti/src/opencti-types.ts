/** An OpenCTI user as the platform charm reads it (the fields canonical/opencti-operator selects). */
export interface OpenctiUser {
  readonly id: string;
  readonly name: string;
  readonly user_email: string;
  /** `Active` or `Inactive` for users the charm manages; OpenCTI also knows `Locked` and `Expired`. */
  readonly account_status: string;
  /** The user's API token: secret, never log it. */
  readonly api_token: string;
}

/** An OpenCTI group. */
export interface OpenctiGroup {
  readonly id: string;
  readonly name: string;
}

/** The account statuses the charm sets. */
export type OpenctiAccountStatus = 'Active' | 'Inactive';

/** The client's calls, as named in its errors. */
export type OpenctiCall = 'listUsers' | 'createUser' | 'listGroups' | 'setAccountStatus';
