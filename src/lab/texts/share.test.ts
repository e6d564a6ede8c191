import { describe, expect, it } from 'vitest';
import { copiedSentence, sharedAddedSentence, sharedSweepSentence } from './share';

describe('share link words', () => {
  it('names the machine, its browser and its cores, in one sentence', () => {
    expect(sharedSweepSentence({ label: 'Chromebook at the back', browser: 'Chrome 131', reportedCores: 2 })).toBe(
      'This link carries a sweep measured on “Chromebook at the back” (Chrome 131, 2 cores).',
    );
    expect(sharedSweepSentence({ label: 'Old phone', browser: 'Safari 17', reportedCores: 1 })).toBe('This link carries a sweep measured on “Old phone” (Safari 17, 1 core).');
    expect(sharedSweepSentence({ label: 'Kiosk', browser: 'Firefox 128', reportedCores: null })).toBe(
      'This link carries a sweep measured on “Kiosk” (Firefox 128, no core count reported).',
    );
  });

  it('says the link was copied with its length, grouped', () => {
    expect(copiedSentence(734)).toBe('Link copied (734 characters).');
    expect(copiedSentence(1000)).toBe('Link copied (1,000 characters).');
  });

  it('says where an added machine went', () => {
    expect(sharedAddedSentence('Desk 4')).toBe('“Desk 4” was added to Machines.');
  });
});
