import { dropInapplicableFields } from './applicable';
import { exampleSettings } from './examples';
import { validateSettings } from './validate';

const base = exampleSettings.minimal;

describe('dropInapplicableFields', () => {
  it('drops the S3-only fields once the store is gcs, so the model no longer refuses them', () => {
    const stale = {
      ...base,
      backup: {
        physical: {
          enabled: true,
          store: 'gcs',
          bucket: 'acme-backups',
          credentialsSecret: 'gcs-creds',
          region: 'eu-central-1',
          endpoint: 'https://minio.example:9000',
        },
      },
    };
    expect(validateSettings(stale)).toMatchObject({ ok: false });
    const { settings, dropped } = dropInapplicableFields(stale);
    expect(dropped).toEqual([
      'backup.physical.region',
      'backup.physical.endpoint',
    ]);
    expect(validateSettings(settings)).toMatchObject({
      ok: true,
      settings: {
        backup: { physical: { store: 'gcs', bucket: 'acme-backups' } },
      },
    });
  });

  it('drops monitoring extras the disabled exporter would make the model refuse', () => {
    const stale = {
      ...base,
      monitoring: {
        exporter: { enabled: false },
        podMonitor: true,
        prometheusRule: { enabled: true },
        grafanaDashboard: true,
      },
    };
    const { settings, dropped } = dropInapplicableFields(stale);
    expect(dropped).toEqual([
      'monitoring.podMonitor',
      'monitoring.prometheusRule',
      'monitoring.grafanaDashboard',
    ]);
    expect(validateSettings(settings)).toMatchObject({ ok: true });
  });

  it('drops the issuer outside cert-manager mode and source ranges without load balancers', () => {
    const { settings, dropped } = dropInapplicableFields({
      ...base,
      security: {
        tls: {
          mode: 'secret',
          secretName: 'orders-tls',
          issuer: { name: 'letsencrypt' },
        },
        loadBalancers: { primary: false, replica: false },
        allowedSourceRanges: ['10.0.0.0/8'],
        networkPolicy: {
          enabled: false,
          allowedPeers: [{ cidr: '10.0.0.0/8' }],
        },
      },
    });
    expect(dropped.sort()).toEqual([
      'security.allowedSourceRanges',
      'security.networkPolicy.allowedPeers',
      'security.tls.issuer',
    ]);
    expect(validateSettings(settings)).toMatchObject({
      ok: true,
      settings: {
        security: { tls: { mode: 'secret', secretName: 'orders-tls' } },
      },
    });
  });

  it('drops the fields of the replication mode and of the poolers that were not chosen', () => {
    const { dropped } = dropInapplicableFields({
      ...base,
      topology: {
        replication: 'synchronous',
        instances: 3,
        maximumLagOnFailover: 1024,
      },
      pooling: {
        primary: false,
        replica: false,
        mode: 'session',
        instances: 3,
      },
      backup: {
        physical: { enabled: false, store: 's3', bucket: 'b-1-2' },
        logical: { enabled: false, schedule: '* * * * *' },
      },
    });
    expect(dropped).toEqual([
      'topology.maximumLagOnFailover',
      'pooling.mode',
      'pooling.instances',
      'backup.physical.store',
      'backup.physical.bucket',
      'backup.logical.schedule',
    ]);
  });

  it('keeps everything when the deciding fields are absent, and leaves its input unchanged', () => {
    const input = {
      ...base,
      backup: { physical: { region: 'eu-central-1', bucket: 'b-1-2' } },
      security: { allowedSourceRanges: ['10.0.0.0/8'] },
    };
    const copy = JSON.parse(JSON.stringify(input));
    const { settings, dropped } = dropInapplicableFields(input);
    expect(dropped).toEqual([]);
    expect(settings).toEqual(copy);
    expect(input).toEqual(copy);
  });

  it('returns input that is not an object as it is, for the model to refuse', () => {
    expect(dropInapplicableFields('nope')).toEqual({
      settings: 'nope',
      dropped: [],
    });
    expect(dropInapplicableFields({ backup: 'x' })).toEqual({
      settings: { backup: 'x' },
      dropped: [],
    });
  });
});
