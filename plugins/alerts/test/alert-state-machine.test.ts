import { describe, expect, it } from 'vitest';
import { advanceAlert, resolveByHand, type AlertMemory, type AlertTiming, type Observation } from '../src/evaluation/alert-state-machine.ts';
import { breaches, hasRecovered, recoveryThresholdOf, recoveryThresholdProblem } from '../src/evaluation/alert-condition.ts';

const MIN = 60_000;
const rule: AlertTiming = { condition: 'gt', threshold: 100, recoveryThreshold: null, forMs: 3 * MIN, keepFiringForMs: 0 };
const v = (value: number): Observation => ({ kind: 'value', value });

/** Feeds one observation per minute and returns the states and transitions. */
function run(observations: Observation[], timing: AlertTiming = rule) {
  let memory: AlertMemory | null = null;
  const states: string[] = [];
  const transitions: string[] = [];
  observations.forEach((obs, i) => {
    const step = advanceAlert(memory, obs, timing, i * MIN);
    memory = step.next;
    states.push(step.next.state);
    if (step.transition) transitions.push(`${i}:${step.transition}`);
  });
  return { states, transitions, memory: memory! };
}

describe('alert conditions and hysteresis', () => {
  it('compares with gt, lt and eq', () => {
    expect([breaches(101, 'gt', 100), breaches(100, 'gt', 100), breaches(99, 'lt', 100), breaches(100, 'eq', 100)]).toEqual([true, false, true, true]);
  });
  it('recovers 10% of the threshold away by default, or at an explicit recovery threshold', () => {
    expect(recoveryThresholdOf({ condition: 'gt', threshold: 100, recoveryThreshold: null })).toBe(90);
    expect(recoveryThresholdOf({ condition: 'lt', threshold: 50, recoveryThreshold: null })).toBe(55);
    expect(recoveryThresholdOf({ condition: 'gt', threshold: -10, recoveryThreshold: null })).toBe(-11);
    expect(hasRecovered(95, { condition: 'gt', threshold: 100, recoveryThreshold: null })).toBe(false);
    expect(hasRecovered(90, { condition: 'gt', threshold: 100, recoveryThreshold: null })).toBe(true);
    expect(hasRecovered(97, { condition: 'gt', threshold: 100, recoveryThreshold: 98 })).toBe(true);
  });
  it('refuses a recovery threshold on the breaching side', () => {
    expect(recoveryThresholdProblem({ condition: 'gt', threshold: 100, recoveryThreshold: 110 })).toMatch(/at most/);
    expect(recoveryThresholdProblem({ condition: 'lt', threshold: 100, recoveryThreshold: 90 })).toMatch(/at least/);
    expect(recoveryThresholdProblem({ condition: 'gt', threshold: 100, recoveryThreshold: 80 })).toBeNull();
  });
});

describe('advanceAlert', () => {
  it('fires only after the breach is sustained for the for-duration', () => {
    const r = run([v(50), v(120), v(130), v(125), v(140), v(150)]);
    expect(r.states).toEqual(['normal', 'pending', 'pending', 'pending', 'firing', 'firing']);
    expect(r.transitions).toEqual(['4:fired']);
    expect(r.memory.firingSince).toBe(4 * MIN);
  });

  it('goes back to normal when a breach does not last', () => {
    const r = run([v(120), v(130), v(80), v(120), v(120)]);
    expect(r.states).toEqual(['pending', 'pending', 'normal', 'pending', 'pending']);
    expect(r.transitions).toEqual([]);
  });

  it('fires at once with a zero for-duration', () => {
    expect(run([v(101)], { ...rule, forMs: 0 }).transitions).toEqual(['0:fired']);
  });

  it('does not flap around the threshold and resolves past the recovery threshold', () => {
    const r = run([v(150), v(150), v(150), v(150), v(99), v(101), v(95), v(100.5), v(91), v(89)]);
    expect(r.transitions).toEqual(['3:fired', '9:resolved']);
    expect(r.states.slice(3)).toEqual(['firing', 'firing', 'firing', 'firing', 'firing', 'firing', 'resolved']);
  });

  it('keeps firing for keep-firing-for after the last breach', () => {
    const timing = { ...rule, forMs: 0, keepFiringForMs: 3 * MIN };
    const r = run([v(150), v(10), v(10), v(10), v(10)], timing);
    expect(r.transitions).toEqual(['0:fired', '3:resolved']);
  });

  it('keeps an open alert open through no data and errors', () => {
    const timing = { ...rule, forMs: 0 };
    const r = run([v(150), { kind: 'no_data' }, { kind: 'error', message: 'db down' }, v(150), v(50)], timing);
    expect(r.states).toEqual(['firing', 'no_data', 'error', 'firing', 'resolved']);
    expect(r.transitions).toEqual(['0:fired', '4:resolved']);
  });

  it('reports no data for a rule that was not firing, and starts over after it', () => {
    const r = run([{ kind: 'no_data' }, v(150), v(150)], { ...rule, forMs: MIN });
    expect(r.states).toEqual(['no_data', 'pending', 'firing']);
  });

  it('stays resolved until the next breach starts a new episode', () => {
    const timing = { ...rule, forMs: 0 };
    const r = run([v(150), v(10), v(10), { kind: 'no_data' }, v(150)], timing);
    expect(r.states).toEqual(['firing', 'resolved', 'resolved', 'resolved', 'firing']);
    expect(r.transitions).toEqual(['0:fired', '1:resolved', '4:fired']);
    expect(r.memory.firingSince).toBe(4 * MIN);
  });

  it('resolves by hand whatever the value', () => {
    const fired = run([v(150)], { ...rule, forMs: 0 }).memory;
    const step = resolveByHand(fired, MIN);
    expect(step).toMatchObject({ transition: 'resolved', next: { state: 'resolved', firingSince: null } });
    expect(resolveByHand(step.next, 2 * MIN).transition).toBeNull();
  });
});
