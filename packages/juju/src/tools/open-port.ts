/** `open-port` (buffered until commit). */
import { defineTool } from '../tool.js';
import { portSpec } from './ports-common.js';

/** The open-port tool. */
export const openPort = defineTool(portSpec('open'));
