/**
 * The charm's entry point (what `ops-ts build` bundles): runs one dispatch. The charm class lives in
 * keeper.ts so tests can import it without starting a dispatch.
 */
import { main } from '@ops-ts/ops';
import { SecretKeeperCharm } from './keeper.js';

main(SecretKeeperCharm);
