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

  it('backs off while the backend does not know the cluster (404): each read waits twice as long', async () => {
    const notFound = Object.assign(new Error('404 Not Found'), {
      statusCode: 404,
    });
    const api = mockClient(healthyStatus, {
      getStatus: jest.fn(async () => {
        throw notFound;
      }),
      streamStatus: jest.fn(async () => {
        throw notFound;
      }),
    });
    const { unmount } = renderHook(
      () =>
        useClusterStatus(ref, { pollIntervalMs: 20, streamRetryMs: 60_000 }),
      { wrapper: withClient(api) },
    );
    // Without back-off 50 reads would take 1 s; with it (20 ms doubling: 40, 80, 160, 320,
    // 640 ms …) about 6 reads fit in 1.5 s.
    await new Promise(resolve => setTimeout(resolve, 1_500));
    unmount();
    const reads = api.getStatus.mock.calls.length;
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(reads).toBeLessThanOrEqual(10);
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
