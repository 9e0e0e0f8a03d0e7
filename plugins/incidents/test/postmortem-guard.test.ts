import { describe, expect, it } from 'vitest';
import { postmortemEditProblem, postmortemMandatory, severityChangeProblem } from '../src/model/postmortem-guard.ts';
import { missingPostmortemField, postmortemComplete } from '../src/model/incident-lifecycle.ts';

const complete = { whatHappened: 'DB failover', rootCause: 'disk full' };
const noRootCause = { whatHappened: 'DB failover', rootCause: '  ' };

describe('postmortemMandatory', () => {
  it('holds only for resolved SEV1-2', () => {
    expect(postmortemMandatory('resolved', 1)).toBe(true);
    expect(postmortemMandatory('resolved', 2)).toBe(true);
    expect(postmortemMandatory('resolved', 3)).toBe(false);
    expect(postmortemMandatory('monitoring', 1)).toBe(false);
    expect(postmortemMandatory('investigating', 2)).toBe(false);
  });
});

describe('severityChangeProblem', () => {
  it('refuses raising a resolved incident to SEV1-2 without a complete postmortem, naming severity', () => {
    expect(severityChangeProblem('resolved', 3, 2, null)).toEqual({ status: 409, code: 'postmortem_required', detail: expect.stringContaining('SEV2'), field: 'severity' });
    expect(severityChangeProblem('resolved', 4, 1, noRootCause)).toMatchObject({ status: 409, field: 'severity' });
    expect(severityChangeProblem('resolved', 2, 1, null)).toMatchObject({ code: 'postmortem_required' });
  });
  it('allows it with a complete postmortem, on open incidents, when lowering, and when unchanged', () => {
    expect(severityChangeProblem('resolved', 3, 2, complete)).toBeNull();
    expect(severityChangeProblem('monitoring', 3, 1, null)).toBeNull();
    expect(severityChangeProblem('resolved', 2, 3, null)).toBeNull();
    expect(severityChangeProblem('resolved', 2, 2, null)).toBeNull();
  });
});

describe('postmortemEditProblem', () => {
  it('refuses leaving a resolved SEV1-2 with an incomplete postmortem, naming the empty field', () => {
    expect(postmortemEditProblem('resolved', 2, { whatHappened: '', rootCause: 'x' })).toEqual({ status: 409, code: 'postmortem_incomplete', detail: expect.stringContaining('whatHappened'), field: 'whatHappened' });
    expect(postmortemEditProblem('resolved', 1, noRootCause)).toMatchObject({ field: 'rootCause' });
    expect(postmortemEditProblem('resolved', 1, { whatHappened: null, rootCause: null })).toMatchObject({ field: 'whatHappened' });
  });
  it('allows complete postmortems, open incidents and SEV3-4', () => {
    expect(postmortemEditProblem('resolved', 2, complete)).toBeNull();
    expect(postmortemEditProblem('monitoring', 1, { whatHappened: null, rootCause: null })).toBeNull();
    expect(postmortemEditProblem('resolved', 3, { whatHappened: null, rootCause: null })).toBeNull();
  });
  it('agrees with postmortemComplete', () => {
    for (const pm of [complete, noRootCause, { whatHappened: ' ', rootCause: 'x' }, { whatHappened: null, rootCause: null }])
      expect(missingPostmortemField(pm) === null).toBe(postmortemComplete(pm));
  });
});
