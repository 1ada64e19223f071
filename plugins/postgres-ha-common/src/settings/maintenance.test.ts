import { exampleSettings } from './examples';
import { validateSettings } from './validate';

const withWindows = (maintenanceWindows: string[]) =>
  validateSettings({
    ...exampleSettings.minimal,
    scheduling: { maintenanceWindows },
  });

describe('scheduling.maintenanceWindows', () => {
  it.each([
    ['Sat:22:00-02:00', 'Sat:22:00-23:59 and Sun:00:00-02:00'],
    ['Sun:23:30-00:30', 'Sun:23:30-23:59 and Mon:00:00-00:30'],
    ['22:00-02:00', '22:00-23:59 and 00:00-02:00'],
  ])(
    'refuses %s across midnight (the operator marks the cluster Invalid) and suggests %s',
    (window, split) => {
      const result = withWindows(['Mon:01:00-02:00', window]);
      expect(result).toEqual({
        ok: false,
        errors: [
          {
            path: 'scheduling.maintenanceWindows[1]',
            message: expect.stringContaining(`write two windows, ${split}`),
          },
        ],
      });
    },
  );

  it('refuses an empty window (end equals start)', () => {
    expect(withWindows(['Tue:03:00-03:00'])).toMatchObject({
      ok: false,
      errors: [
        {
          path: 'scheduling.maintenanceWindows[0]',
          message: expect.stringMatching(/must end after it starts/),
        },
      ],
    });
  });

  it.each(['Sat:22:00-23:59', 'Sun:00:00-02:00', '01:00-06:00', '00:00-23:59'])(
    'accepts %s',
    window => {
      expect(withWindows([window]).ok).toBe(true);
    },
  );

  it.each(['Sat:2200-0200', 'Xyz:22:00-02:00', '25:00-26:00', ''])(
    'refuses the malformed window %j with the format message only',
    window => {
      expect(withWindows([window])).toEqual({
        ok: false,
        errors: [
          {
            path: 'scheduling.maintenanceWindows[0]',
            message: expect.stringMatching(/^must look like HH:MM-HH:MM/),
          },
        ],
      });
    },
  );
});
