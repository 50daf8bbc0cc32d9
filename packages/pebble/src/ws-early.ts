import type WebSocket from 'ws';

/** A message received before anyone listened. */
interface Early {
  data: Buffer;
  isBinary: boolean;
}

interface Held {
  messages: Early[];
  closed: boolean;
  detach: () => void;
}

const early = new WeakMap<WebSocket, Held>();

/**
 * Keep what a websocket receives from the moment it opens: Pebble starts the command as soon as the
 * I/O websockets connect, so output (and even the end frame and close) can arrive before the process
 * object attaches its listeners.
 */
export function holdEarly(ws: WebSocket): void {
  const messages: Early[] = [];
  const onMessage = (data: Buffer, isBinary: boolean): void => void messages.push({ data, isBinary });
  const held: Held = { messages, closed: false, detach: () => ws.off('message', onMessage) };
  early.set(ws, held);
  ws.on('message', onMessage);
  ws.once('close', () => {
    held.closed = true;
  });
}

/** Listen to messages and close, replaying whatever arrived before (see {@link holdEarly}). */
export function listen(
  ws: WebSocket,
  onMessage: (data: Buffer, isBinary: boolean) => void,
  onClose: () => void,
): void {
  const held = early.get(ws);
  early.delete(ws);
  held?.detach();
  ws.on('message', onMessage);
  for (const m of held?.messages ?? []) onMessage(m.data, m.isBinary);
  if (held?.closed) onClose();
  else ws.on('close', onClose);
}
