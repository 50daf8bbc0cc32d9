// The bundle's entry point: `ops-ts build` bundles this file; the class lives in opencti-charm.ts so
// tests can import it without starting a dispatch.
import { main } from '@ops-ts/ops';
import { OpenctiCharm } from './opencti-charm.js';

main(OpenctiCharm);
