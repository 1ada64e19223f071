import { ConfigReader } from '@backstage/config';
import type { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import request from 'supertest';
import { readPostgresHaConfig } from '../config/readConfig';
import {
  clusterEntity,
  entityPath,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';
import { clusterLinks } from './links';

const GRAFANA =
  'https://grafana.example/d/pg?var-cluster={{cluster}}&var-namespace={{ namespace }}';

describe('Grafana and pgAdmin links', () => {
  it('fills {{cluster}} and {{namespace}} URL-encoded, and leaves out tools without a template', () => {
    expect(
      clusterLinks(
        { grafana: GRAFANA },
        { cluster: 'acid orders&x', namespace: 'db/ä' },
      ),
    ).toEqual({
      grafana:
        'https://grafana.example/d/pg?var-cluster=acid%20orders%26x&var-namespace=db%2F%C3%A4',
    });
    expect(
      clusterLinks(
        { pgadmin: 'https://pgadmin.example/?s={{namespace}}' },
        {
          cluster: 'lab',
        },
      ),
    ).toEqual({ pgadmin: 'https://pgadmin.example/?s=' });
  });

  it('refuses a template that is not an http(s) URL or uses an unknown placeholder, naming the key', () => {
    const read = (postgresHa: object) => () =>
      readPostgresHaConfig(new ConfigReader({ postgresHa }));
    expect(read({ links: { grafana: 'ftp://grafana.example/d/pg' } })).toThrow(
      "postgresHa.links.grafana: 'ftp://grafana.example/d/pg' is not an http(s) URL",
    );
    expect(
      read({
        patroni: {
          clusters: [
            {
              name: 'lab',
              urls: ['http://127.0.0.1:9'],
              links: { pgadmin: 'https://pgadmin.example/{{host}}' },
            },
          ],
        },
      }),
    ).toThrow(
      'postgresHa.patroni.clusters[lab].links.pgadmin: unknown placeholder {{host}} (use {{cluster}} or {{namespace}})',
    );
  });

  it('puts the configured links into the status, per Patroni cluster overriding the global ones, even when the cluster cannot be read', async () => {
    const backend = await startPluginBackend({
      config: {
        postgresHa: {
          requestTimeoutSeconds: 1,
          links: {
            grafana: GRAFANA,
            pgadmin: 'https://pgadmin.example/browser/?cluster={{cluster}}',
          },
          patroni: {
            clusters: [
              { name: 'lab', urls: ['http://127.0.0.1:9'] },
              {
                name: 'vm-db',
                urls: ['http://127.0.0.1:9'],
                links: {
                  grafana: 'https://grafana.vm.example/d/x?c={{cluster}}',
                },
              },
            ],
          },
        },
      },
      entities: ['lab', 'vm-db'].map(name =>
        clusterEntity(name, {
          'postgres-ha/cluster-name': name,
          'postgres-ha/source': 'patroni',
        }),
      ),
    });
    try {
      const links = async (name: string) => {
        const res = await request(backend.server).get(
          `${entityPath(name)}/status`,
        );
        expect((res.body as ClusterStatus).health.state).toBe('Unknown');
        return (res.body as ClusterStatus).cluster.links;
      };
      expect(await links('lab')).toEqual({
        grafana: 'https://grafana.example/d/pg?var-cluster=lab&var-namespace=',
        pgadmin: 'https://pgadmin.example/browser/?cluster=lab',
      });
      expect(await links('vm-db')).toEqual({
        grafana: 'https://grafana.vm.example/d/x?c=vm-db',
        pgadmin: 'https://pgadmin.example/browser/?cluster=vm-db',
      });
    } finally {
      await backend.stop();
    }
  });
});
