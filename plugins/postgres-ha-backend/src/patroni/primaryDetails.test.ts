import { primaryDetails } from './primaryDetails';

describe('primaryDetails', () => {
  it("reads the leader's /patroni answer (as the lab's Patroni 3.0.2 gave it)", () => {
    expect(
      primaryDetails({
        state: 'running',
        postmaster_start_time: '2026-12-01 06:42:04.075978+00:00',
        role: 'master',
        server_version: 150018,
        xlog: { location: 117440608 },
        timeline: 1,
        database_system_identifier: '7714222196431749576',
        patroni: { version: '3.0.2', scope: 'lab' },
      }),
    ).toEqual({
      systemIdentifier: '7714222196431749576',
      startedAt: '2026-12-01T06:42:04.075Z',
      timeline: 1,
      walPosition: '0/7000060',
      walFile: '000000010000000000000007',
      patroniVersion: '3.0.2',
    });
  });

  it('is undefined when the leader did not answer, and leaves out what it did not say', () => {
    expect(primaryDetails(undefined)).toBeUndefined();
    expect(primaryDetails({ timeline: 3 })).toEqual({ timeline: 3 });
  });
});
