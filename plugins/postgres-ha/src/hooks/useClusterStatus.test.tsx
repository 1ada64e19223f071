import { renderHook, waitFor } from '@testing-library/react';
import { healthyStatus } from '../__testUtils__/fixtures';
import { mockClient, withClient } from '../__testUtils__/renderWithApis';
import { useClusterStatus } from './useClusterStatus';

// Generous bound: the machine running the tests is shared and slow at times.
const eventually = (assertion: () => void) =>
  waitFor(assertion, { timeout: 5_000 });

const ref = { kind: 'Resource', namespace: 'default', name: 'lab-postgres' };

describe('useClusterStatus', () => {
  it('falls back to polling when the event stream fails, and retries the stream later', async () => {
    const api = mockClient(healthyStatus, {
      streamStatus: jest.fn(async () => {
        throw new Error('404 Not Found');
      }),
    });
    const { result, unmount } = renderHook(
      () => useClusterStatus(ref, { pollIntervalMs: 10, streamRetryMs: 100 }),
      { wrapper: withClient(api) },
    );

    await eventually(() => expect(result.current.mode).toBe('polling'));
    await eventually(() =>
      expect(api.getStatus.mock.calls.length).toBeGreaterThanOrEqual(3),
    );
    await eventually(() =>
      expect(api.streamStatus.mock.calls.length).toBeGreaterThanOrEqual(2),
    );
    expect(result.current.status).toEqual(healthyStatus);
    expect(result.current.lastUpdated).toBeInstanceOf(Date);
    unmount();
  });

  it('keeps the last status and reports the error when a poll fails', async () => {
    let fail = false;
    const api = mockClient(healthyStatus, {
      getStatus: jest.fn(async () => {
        if (fail) throw new Error('502 Bad Gateway');
        return healthyStatus;
      }),
      streamStatus: jest.fn(async () => {
        throw new Error('stream unavailable');
      }),
    });
    const { result, unmount } = renderHook(
      () => useClusterStatus(ref, { pollIntervalMs: 10 }),
      { wrapper: withClient(api) },
    );
    await eventually(() =>
      expect(result.current.status).toEqual(healthyStatus),
    );
    fail = true;
    await eventually(() =>
      expect(result.current.error?.message).toBe('502 Bad Gateway'),
    );
    expect(result.current.status).toEqual(healthyStatus);
    unmount();
  });

  it('confirms the snapshot with one read when the live stream stays quiet for 1.5 intervals', async () => {
    // The stream (mockClient's) stays open and silent, as when nothing changes.
    const quiet = { ...healthyStatus, refreshIntervalSeconds: 0.2 };
    const api = mockClient(quiet);
    const { result, unmount } = renderHook(() => useClusterStatus(ref), {
      wrapper: withClient(api),
    });
    await eventually(() => expect(result.current.status).toEqual(quiet));
    await eventually(() =>
      expect(api.getStatus.mock.calls.length).toBeGreaterThanOrEqual(3),
    );
    expect(result.current.mode).toBe('live');
    expect(api.streamStatus).toHaveBeenCalledTimes(1);
    unmount();
  });
});
