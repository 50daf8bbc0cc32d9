// The `admin-user` config option: a Juju user secret id whose content has `email` and `password`
// (upstream `_gen_secret_env`). The texts are upstream's; the values never leave the environment map.
import { type CharmBase, ModelError, SecretNotFoundError } from '@ops-ts/ops';
import { Blocked } from './reconcile-errors.js';

/** The initial admin account OpenCTI creates on its first start. */
export interface AdminUser {
  readonly email: string;
  readonly password: string;
}

/** Reads the admin-user secret (tracking its latest revision); Blocked with upstream's texts otherwise. */
export function readAdminUser(charm: CharmBase): AdminUser {
  const id = charm.config['admin-user'];
  if (typeof id !== 'string' || !id) throw new Blocked('missing charm config: admin-user');
  let content: Record<string, string>;
  try {
    content = charm.model.getSecret({ id }).getContent({ refresh: true });
  } catch (error) {
    if (error instanceof SecretNotFoundError) throw new Blocked('admin-user config is not a secret');
    if (error instanceof ModelError)
      throw new Blocked(
        "charm doesn't have access to the admin-user secret, " +
          'run `juju grant-secret` command to grant the secret to the charm',
      );
    throw error;
  }
  const { email, password } = content;
  if (!email || !password) throw new Blocked('invalid secret content in admin-user config');
  return { email, password };
}
