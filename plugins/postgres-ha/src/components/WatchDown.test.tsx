import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { WatchDown } from './WatchDown';

describe('WatchDown', () => {
  it('says since when the watch is down, and why', async () => {
    const since = '2026-12-01T07:39:26Z';
    await renderInTestApp(
      <WatchDown
        watch={{
          state: 'down',
          since,
          message:
            'watch of pods failed: fetch failed; re-listing with back-off',
        }}
      />,
    );
    const at = new Date(since).toLocaleString();
    expect(
      screen.getByText(
        (_, el) =>
          el?.tagName !== 'BODY' &&
          !!el?.textContent?.endsWith(
            `Live updates interrupted since ${at}: the status may be stale`,
          ) &&
          el.children.length === 0,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/watch of pods failed: fetch failed/),
    ).toBeInTheDocument();
  });
});
