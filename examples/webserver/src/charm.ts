// The entry point `ops-ts build` bundles: only main(), so tests import the class from ./webserver.js.
import { main } from '@ops-ts/ops';
import { WebserverCharm } from './webserver.js';

main(WebserverCharm);
