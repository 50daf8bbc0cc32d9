/** Entry point bundled by `ops-ts build`: runs one dispatch of the ingress stand-in. */
import { main } from '@ops-ts/ops';
import { IngressStandInCharm } from './ingress-stand-in.js';

main(IngressStandInCharm);
