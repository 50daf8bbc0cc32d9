import type { Change, Task } from '../api-types.js';

// internals/daemon/api_changes.go, changeInfo/taskInfo: `tasks`, `log`, `data` and `err` are omitempty,
// so a change with no tasks (e.g. "Replan - no services") has no `tasks` field on the wire.

function taskToWire(task: Task): Record<string, unknown> {
  const { log, data, ...rest } = task;
  return {
    ...rest,
    ...(log.length > 0 ? { log } : {}),
    ...(Object.keys(data).length > 0 ? { data } : {}),
  };
}

/** A change as Pebble's JSON encoder writes it. */
export function changeToWire(change: Change): Record<string, unknown> {
  const { tasks, data, err, ...rest } = change;
  return {
    ...rest,
    ...(tasks.length > 0 ? { tasks: tasks.map(taskToWire) } : {}),
    ...(err ? { err } : {}),
    ...(Object.keys(data).length > 0 ? { data } : {}),
  };
}
