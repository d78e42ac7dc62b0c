import { describe, expect, it } from '@jest/globals';
import { type EditTargetView, editMoment } from '../../../src/soak/edit-timing';

const view = (over: Partial<EditTargetView>): EditTargetView => ({
  submitted: true,
  reviewStatus: undefined,
  submitTaskRunning: false,
  repsDone: true,
  quiet: true,
  ...over,
});

describe('editMoment', () => {
  it.each([
    ['Submitted', 'during'],
    ['In review', 'during'],
    ['Approved', 'after'],
  ] as const)('edits a deal whose opportunity is %s (%s review)', (status, moment) => {
    // Act & Assert
    expect(editMoment(view({ reviewStatus: status }))).toBe(moment);
  });

  it('waits for a Pending Submission opportunity whose submit task still runs, even when all is quiet', () => {
    // Arrange: the submit handler finished after starting the task; AWS completes it a moment later.
    const pending = view({ reviewStatus: 'Pending Submission', submitTaskRunning: true });
    // Act & Assert
    expect(editMoment(pending)).toBe('wait');
    expect(editMoment({ ...pending, submitTaskRunning: false })).toBe('drop');
  });

  it('waits while the pipeline is busy or reps still submit, and drops a deal the card never took once reps are done', () => {
    // Act & Assert
    expect(editMoment(view({ quiet: false }))).toBe('wait');
    expect(editMoment(view({ repsDone: false }))).toBe('wait');
    expect(editMoment(view({}))).toBe('drop');
    expect(editMoment(view({ reviewStatus: 'Rejected' }))).toBe('drop');
    expect(editMoment(view({ submitted: false, repsDone: false }))).toBe('wait');
    expect(editMoment(view({ submitted: false, quiet: false }))).toBe('drop');
  });
});
