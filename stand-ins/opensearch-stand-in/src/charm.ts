/** Entry point bundled by `ops-ts build`: runs one dispatch of the OpenSearch stand-in. */
import { main } from '@ops-ts/ops';
import { OpensearchStandInCharm } from './opensearch-stand-in.js';

main(OpensearchStandInCharm);
