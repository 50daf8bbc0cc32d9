/** Entry point bundled by `ops-ts build`: runs one dispatch of the S3 stand-in. */
import { main } from '@ops-ts/ops';
import { S3StandInCharm } from './s3-stand-in.js';

main(S3StandInCharm);
