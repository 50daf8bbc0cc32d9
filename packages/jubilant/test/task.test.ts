// `juju run`/`juju exec --format json` output (keyed by unit) as Tasks, as jubilant's Task._from_dict.
import { describe, expect, it } from 'vitest';
import { Task, TaskError, taskFromOutput } from '../src/index.js';
import { fixture } from './support/recording-juju.js';

const task = (name: string) => taskFromOutput(JSON.parse(fixture(name)));

describe('taskFromOutput', () => {
  it.each([
    {
      file: 'run-completed.json',
      expected: {
        id: '42',
        status: 'completed',
        results: { password: 'pass', username: 'user' },
        returnCode: 0,
        stdout: 'OUT',
        stderr: 'ERR',
        message: '',
        log: ['2025-03-01 16:23:26 +1300 NZDT Log message', '2025-03-01 16:23:26 +1300 NZDT Another message'],
      },
      success: true,
    },
    {
      file: 'run-failed.json',
      expected: {
        id: '42',
        status: 'failed',
        results: { foo: 'bar' },
        returnCode: 0,
        message: 'Failure message',
      },
      success: false,
    },
    {
      file: 'run-exception.json',
      expected: {
        status: 'failed',
        results: { foo: 'bar' },
        returnCode: 1,
        stderr: 'Uncaught Exception in charm code: thing happened...',
      },
      success: false,
    },
    {
      file: 'run-juju-cmd.json',
      expected: {
        id: '1',
        status: 'completed',
        // Only return-code, stdout and stderr are Juju's own keys to lift out, as in jubilant.
        results: {
          outcome: 'success',
          'result-map': { message: 'hello' },
          'stderr-encoding': 'utf-8',
          'stdout-encoding': 'utf-8',
        },
        stdout: 'hello',
        stderr: 'world',
      },
      success: true,
    },
    {
      file: 'exec-completed.json',
      expected: { id: '28', status: 'completed', results: {}, returnCode: 0, stdout: 'foo\n' },
      success: true,
    },
    {
      file: 'exec-failed.json',
      expected: { status: 'completed', returnCode: 1, stderr: 'sleep: invalid time interval\n' },
      success: false,
    },
  ])('reads $file', ({ file, expected, success }) => {
    const t = task(file);
    expect(t).toBeInstanceOf(Task);
    expect(t).toMatchObject(expected);
    expect(t?.success).toBe(success);
    if (success) expect(() => t?.raiseOnFailure()).not.toThrow();
    else expect(() => t?.raiseOnFailure()).toThrow(TaskError);
  });

  it('finds no task in empty output (juju 3 prints nothing for a missing unit)', () => {
    expect(taskFromOutput({})).toBeUndefined();
    expect(taskFromOutput('x')).toBeUndefined();
  });

  it('prints like jubilant: status line, then details', () => {
    expect(String(task('run-failed.json'))).toBe(
      `Task 42: status 'failed', return code 0, details:\nResults: {"foo":"bar"}\nMessage: Failure message`,
    );
    expect(String(new Task({ id: '7', status: 'completed' }))).toBe(
      "Task 7: status 'completed', return code 0",
    );
  });
});
