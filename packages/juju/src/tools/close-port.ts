/** `close-port` (buffered until commit). */
import { defineTool } from '../tool.js';
import { portSpec } from './ports-common.js';

/** The close-port tool. */
export const closePort = defineTool(portSpec('close'));
