/**
 * The charm's entry point (what `ops-ts build` bundles): runs one dispatch. The charm class lives in
 * greeter.ts so tests can import it without starting a dispatch.
 */
import { main } from '@ops-ts/ops';
import { GreeterCharm } from './greeter.js';

main(GreeterCharm);
