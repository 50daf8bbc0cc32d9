/** Entry point bundled by `ops-ts build`: runs one dispatch of the RabbitMQ stand-in. */
import { main } from '@ops-ts/ops';
import { RabbitmqStandInCharm } from './rabbitmq-stand-in.js';

main(RabbitmqStandInCharm);
