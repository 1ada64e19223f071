// Unit tests of the measuring helpers (no lab needed).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maxGap, writesResumed } from './helpers.mjs';

const acksAt = times => times.map((t, i) => ({ id: i + 1, t }));

describe('lab measuring helpers', () => {
  test('writes resume at the first ack after the writer\'s first error following the kill', () => {
    const acks = acksAt([9.9, 10.0, 20.4, 20.5]);
    const errors = [{ t: 10.1 }, { t: 15 }];
    assert.equal(writesResumed(acks, errors, 10.05).t, 20.4);
  });

  test('writes resume after the pause when PgBouncer held the statement and the writer saw no error', () => {
    const acks = acksAt([9.9, 10.0, 10.01, 20.3, 20.31]);
    assert.equal(writesResumed(acks, [], 10.005).t, 20.3);
  });

  test('no resume while the outage lasts, and errors before the kill do not count', () => {
    assert.equal(writesResumed(acksAt([9.9, 10.0]), [{ t: 5 }], 10.05), null);
    assert.equal(writesResumed(acksAt([4, 6, 9.9, 10.0]), [], 10.05), null);
  });

  test('maxGap finds the longest pause that starts inside the range', () => {
    assert.deepEqual(maxGap(acksAt([1, 2, 5, 5.5, 9]), 0, 5), { gap: 3, at: 2 });
  });
});
