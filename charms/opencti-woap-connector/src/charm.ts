import { main } from '@ops-ts/ops';
import { OpenctiWoapConnectorCharm } from './connector.js';

main(OpenctiWoapConnectorCharm);
