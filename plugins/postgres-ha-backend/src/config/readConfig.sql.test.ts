import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readPostgresHaConfig } from './readConfig';

const read = (sql: JsonObject) =>
  readPostgresHaConfig(
    new ConfigReader({
      postgresHa: {
        patroni: {
          clusters: [{ name: 'lab', urls: ['http://127.0.0.1:15438'], sql }],
        },
      },
    }),
  ).patroniClusters[0].sql;

describe('postgresHa.patroni.clusters[].sql', () => {
  it('defaults the database to postgres and the command to psql', () => {
    expect(read({ user: 'monitor', passwordFile: 'pw' })).toEqual({
      user: 'monitor',
      passwordFile: 'pw',
      database: 'postgres',
      command: 'psql',
    });
  });

  it('refuses password and passwordFile together, naming the cluster', () => {
    expect(() =>
      read({ user: 'monitor', password: 'x', passwordFile: 'pw' }),
    ).toThrow(
      'postgresHa.patroni.clusters[lab].sql: give password or passwordFile, not both',
    );
  });

  it('needs a user', () => {
    expect(() => read({ password: 'x' })).toThrow(/user/);
  });
});
