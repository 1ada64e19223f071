import { exampleSettings } from '../../settings';
import { objectStores, settingsFrom } from '../../__testUtils__/settings';
import { validateKubernetesObjects } from '../../__testUtils__/validators';
import { buildKubernetesObjects } from './objects';
import { parseWalPrefix, walPrefix } from './walg';
import { kubernetesNotes } from './notes';
import { renderCluster } from '..';
import type { KubeObject } from './types';

type Env = {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
};

const { minimal } = exampleSettings;

const stores = objectStores('orders-backup-creds');
type Store = keyof typeof stores;

const PREFIX_ENV = {
  s3: 'WALG_S3_PREFIX',
  gcs: 'WALG_GS_PREFIX',
  azure: 'WALG_AZ_PREFIX',
};

const postgresqlOf = (s: unknown) => {
  const objects = buildKubernetesObjects(settingsFrom(s));
  return {
    objects,
    pg: objects.find(o => o.kind === 'postgresql') as KubeObject & {
      spec: any;
    },
  };
};

/** The source cluster as this suite renders it: WAL-G archiving to `store`. */
const source = (store: Store) =>
  postgresqlOf({
    ...minimal,
    cluster: { ...minimal.cluster, name: 'orders' },
    backup: { physical: { enabled: true, ...stores[store] }, pitr: true },
  }).pg;

/** A clone of it, with the same store fields as its clone.source (what the restore template passes). */
const restored = (store: Store, extra: object = {}) =>
  postgresqlOf({
    ...minimal,
    cluster: { ...minimal.cluster, name: 'orders-restored' },
    clone: {
      cluster: 'orders',
      timestamp: '2026-11-21T10:00:00+00:00',
      source: stores[store],
    },
    ...extra,
  });

const envOf = (pg: { spec: { env?: Env[] } }) => pg.spec.env ?? [];
const valueOf = (env: Env[], name: string) =>
  env.find(e => e.name === name)?.value;

describe('point-in-time clone of a cluster this suite rendered', () => {
  it.each(Object.keys(stores) as Store[])(
    'reads the %s WAL archive at exactly the prefix the source writes, CRD-valid',
    store => {
      const src = envOf(source(store));
      const { pg, objects } = restored(store);
      const env = envOf(pg);
      const written = valueOf(src, PREFIX_ENV[store]);
      expect(written).toMatch(/^(s3|gs|azure):\/\/pg-backups\//);
      expect(valueOf(env, `CLONE_${PREFIX_ENV[store]}`)).toBe(written);
      expect(valueOf(env, 'CLONE_USE_WALG_RESTORE')).toBe('true');
      expect(validateKubernetesObjects(objects)).toEqual({});
    },
  );

  it.each(Object.keys(stores) as Store[])(
    'copies every %s store variable of the source under the CLONE_ prefix (Spilo reads CLONE_<name>)',
    store => {
      // The clone mounts a GCS source's key apart from its own backup key.
      const keyFile = (e: Env) =>
        e.name === 'GOOGLE_APPLICATION_CREDENTIALS'
          ? { ...e, value: '/var/secrets/google-clone/key.json' }
          : e;
      const expected = envOf(source(store))
        .filter(e => !/^(USE_WALG_|BACKUP_)/.test(e.name) && e.value !== '')
        .map(e => ({ ...keyFile(e), name: `CLONE_${e.name}` }));
      expect(envOf(restored(store).pg)).toEqual([
        { name: 'CLONE_USE_WALG_RESTORE', value: 'true' },
        ...expected,
      ]);
    },
  );

  it('gives the operator the S3 archive as spec.clone.s3_wal_path, so it does not fall back to its global bucket', () => {
    const written = valueOf(envOf(source('s3')), 'WALG_S3_PREFIX');
    expect(written).toBe('s3://pg-backups/spilo/orders');
    expect(restored('s3').pg.spec.clone).toEqual({
      cluster: 'orders',
      timestamp: '2026-11-21T10:00:00+00:00',
      s3_wal_path: written,
    });
    expect(restored('gcs').pg.spec.clone).toEqual({
      cluster: 'orders',
      timestamp: '2026-11-21T10:00:00+00:00',
    });
  });

  it('passes S3 credentials as Secret references and never as values or in spec.clone', () => {
    const { pg } = restored('s3');
    const env = envOf(pg);
    expect(env.filter(e => e.valueFrom)).toEqual([
      {
        name: 'CLONE_AWS_ACCESS_KEY_ID',
        valueFrom: {
          secretKeyRef: {
            name: 'orders-backup-creds',
            key: 'AWS_ACCESS_KEY_ID',
          },
        },
      },
      {
        name: 'CLONE_AWS_SECRET_ACCESS_KEY',
        valueFrom: {
          secretKeyRef: {
            name: 'orders-backup-creds',
            key: 'AWS_SECRET_ACCESS_KEY',
          },
        },
      },
    ]);
    expect(pg.spec.clone).not.toHaveProperty('s3_access_key_id');
    expect(pg.spec.clone).not.toHaveProperty('s3_secret_access_key');
    expect(valueOf(env, 'CLONE_WALE_S3_ENDPOINT')).toBe(
      'https+path://minio.internal:9000',
    );
  });

  it("mounts a GCS source's key next to the clone's own GCS backup key, CRD-valid", () => {
    const { pg, objects } = restored('gcs', {
      backup: {
        physical: {
          enabled: true,
          ...stores.gcs,
          prefix: 'team-a/orders-restored',
          credentialsSecret: 'restored-backup-creds',
        },
      },
    });
    expect(
      pg.spec.additionalVolumes.map((v: any) => [
        v.mountPath,
        v.volumeSource.secret.secretName,
      ]),
    ).toEqual([
      ['/var/secrets/google', 'restored-backup-creds'],
      ['/var/secrets/google-clone', 'orders-backup-creds'],
    ]);
    // Its own archive goes to its own prefix, never into the source's.
    expect(valueOf(envOf(pg), 'WALG_GS_PREFIX')).toBe(
      'gs://pg-backups/team-a/orders-restored',
    );
    expect(validateKubernetesObjects(objects)).toEqual({});
  });
});

describe('a clone rendered for the helm target', () => {
  it("keeps the source's WAL location in the chart's postgresql template", () => {
    const s = settingsFrom({
      ...minimal,
      target: 'helm',
      clone: {
        cluster: 'orders',
        timestamp: '2026-11-21T10:00:00+00:00',
        source: stores.s3,
      },
    });
    const chart = renderCluster(s)
      .map(f => f.content)
      .join('\n');
    expect(chart).toContain('s3_wal_path: s3://pg-backups/spilo/orders');
    expect(chart).toMatch(
      /name: CLONE_WALG_S3_PREFIX\s+value: s3:\/\/pg-backups\/spilo\/orders/,
    );
  });
});

describe("the clone's README notes", () => {
  it('name the Secret the clone reads the source archive with, its namespace and keys', () => {
    const s = settingsFrom({
      ...minimal,
      clone: {
        cluster: 'orders',
        timestamp: '2026-11-21T10:00:00+00:00',
        source: stores.azure,
      },
    });
    expect(kubernetesNotes(s)).toContain(
      "The clone reads orders's WAL archive with the Secret `orders-backup-creds`: it must exist in namespace `default` with the keys `AZURE_STORAGE_ACCOUNT`, `AZURE_STORAGE_ACCESS_KEY`.",
    );
  });
});

describe('parseWalPrefix (how the backend reads a live archive back)', () => {
  it.each(Object.keys(stores) as Store[])(
    'inverts walPrefix for %s, the default prefix included',
    store => {
      const s = { ...stores[store], forcePathStyle: false };
      expect(parseWalPrefix(walPrefix(s, 'orders'))).toEqual({
        store: s.store,
        bucket: 'pg-backups',
        prefix: 'prefix' in s ? s.prefix : 'spilo/orders',
      });
    },
  );

  it('refuses what WAL-G does not name a store this suite renders', () => {
    expect(parseWalPrefix('file:///var/walg')).toBeUndefined();
    expect(parseWalPrefix('s3://bucket-only')).toBeUndefined();
  });
});
