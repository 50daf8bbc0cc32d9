/** Entry point bundled by `ops-ts build`: runs one dispatch of the Redis stand-in. */
import { main } from '@ops-ts/ops';
import { RedisStandInCharm } from './redis-stand-in.js';

main(RedisStandInCharm);
