import { type Invoke, parseJson } from './runner.js';

/** One entry of `goal-state`: a status and when it was set. */
export interface GoalStateEntry {
  status: string;
  since?: string;
}

/** `goal-state --format=json` as parsed. */
export interface GoalState {
  units: Record<string, GoalStateEntry>;
  relations: Record<string, Record<string, GoalStateEntry>>;
}

/** `goal-state --format=json`. */
export function goalState(run: Invoke): GoalState {
  const out = parseJson('goal-state', run('goal-state', ['--format=json'])) as Partial<GoalState> | null;
  return { units: out?.units ?? {}, relations: out?.relations ?? {} };
}
