import { parse } from 'yaml';
import { exampleSettings, type ClusterSettingsInput } from '../../settings';
import { settingsFrom } from '../../__testUtils__/settings';
import { renderCluster } from '..';
import { composeSpecValidator } from './__testUtils__/checkers';
import { S3_PHYSICAL } from './__testUtils__/inputs';

const local: ClusterSettingsInput = {
  ...exampleSettings.minimal,
  target: 'compose',
  topology: { instances: 3 },
  backup: {
    physical: {
      enabled: true,
      store: 'local',
      schedule: '15 3 * * 1-5',
      retention: 4,
    },
    pitr: true,
  },
};
const s3: ClusterSettingsInput = {
  ...local,
  backup: { physical: S3_PHYSICAL },
};
const members = ['pg-0', 'pg-1', 'pg-2'];
const ENV_DIR = 'config/walg/env/';

const filesOf = (input: ClusterSettingsInput) =>
  renderCluster(settingsFrom(input));
const composeOf = (input: ClusterSettingsInput) =>
  parse(filesOf(input).find(f => f.path === 'docker-compose.yml')!.content);
const spiloConfig = (input: ClusterSettingsInput, member: string) =>
  JSON.parse(composeOf(input).services[member].environment.SPILO_CONFIGURATION);

describe('compose local backup store (WAL-G file store on a shared volume)', () => {
  it('the stack with the local store and PITR is valid against the Compose Specification schema', () => {
    const validate = composeSpecValidator();
    const valid = validate(composeOf(local));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(members)(
    '%s archives WAL with wal-g wal-push (not /bin/true) and restores it through Spilo restore_command.sh',
    member => {
      const { postgresql } = spiloConfig(local, member);
      expect(postgresql.parameters.archive_command).toBe(
        'envdir "/etc/walg/env" wal-g wal-push "%p"',
      );
      expect(postgresql.parameters.archive_command).not.toContain('/bin/true');
      expect(postgresql.recovery_conf.restore_command).toBe(
        'envdir "/etc/walg/env" /scripts/restore_command.sh "%f" "%p"',
      );
    },
  );

  it("the 5-field base backup schedule reaches Spilo's CRONTAB, running postgres_backup.sh on the data directory", () => {
    for (const member of members) {
      const env = composeOf(local).services[member].environment;
      // Spilo reads CRONTAB with yaml.safe_load: it must be a YAML list of lines.
      const lines: string[] = parse(env.CRONTAB);
      expect(lines).toHaveLength(1);
      const fields = lines[0].split(' ');
      expect(fields.slice(0, 5).join(' ')).toBe('15 3 * * 1-5');
      expect(fields.slice(5).join(' ')).toBe(
        'envdir "/etc/walg/env" /scripts/postgres_backup.sh "/home/postgres/pgdata/pgroot/data"',
      );
      expect(lines[0]).not.toContain('%'); // cron would cut the command at a %
      // launch.sh takes the first base backup after start with the same envdir.
      expect(env.WALE_ENV_DIR).toBe('/etc/walg/env');
    }
  });

  it('the retention and the file store reach WAL-G through the envdir, mounted read-only into every member', () => {
    const envFiles = Object.fromEntries(
      filesOf(local)
        .filter(f => f.path.startsWith(ENV_DIR))
        .map(f => [f.path.slice(ENV_DIR.length), f.content]),
    );
    expect(envFiles).toEqual({
      WALG_FILE_PREFIX: '/var/lib/walg/spilo/acid-orders\n',
      USE_WALG_BACKUP: 'true\n',
      USE_WALG_RESTORE: 'true\n',
      BACKUP_NUM_TO_RETAIN: '4\n',
    });
    for (const member of members) {
      const volumes: string[] = composeOf(local).services[member].volumes;
      for (const name of Object.keys(envFiles)) {
        expect(volumes).toContain(
          `./${ENV_DIR}${name}:/etc/walg/env/${name}:ro`,
        );
      }
    }
  });

  it('one walg volume is shared by all three members, chowned to postgres by a one-shot service they wait for', () => {
    const compose = composeOf(local);
    expect(Object.keys(compose.volumes)).toContain('walg');
    expect(Object.keys(compose.volumes)).not.toContain('backups'); // logical backups are off
    expect(compose.services['walg-volume-init']).toMatchObject({
      image: compose.services['pg-0'].image,
      entrypoint: ['chown', 'postgres:postgres', '/var/lib/walg'],
      volumes: ['walg:/var/lib/walg'],
      restart: 'no',
    });
    for (const member of members) {
      const service = compose.services[member];
      expect(service.volumes).toContain('walg:/var/lib/walg');
      expect(service.depends_on['walg-volume-init']).toEqual({
        condition: 'service_completed_successfully',
      });
    }
  });

  it("object stores keep Spilo's own WAL-G wiring: no envdir, CRONTAB, walg volume or Patroni override (S3)", () => {
    const compose = composeOf(s3);
    const env = compose.services['pg-0'].environment;
    expect(env.WALG_S3_PREFIX).toBe('s3://pg-backups/spilo/acid-orders');
    expect(env.BACKUP_SCHEDULE).toBe('0 1 * * *');
    expect(env).not.toHaveProperty('CRONTAB');
    expect(env).not.toHaveProperty('WALE_ENV_DIR');
    expect(spiloConfig(s3, 'pg-0')).not.toHaveProperty('postgresql');
    expect(compose.services).not.toHaveProperty('walg-volume-init');
    expect(compose.volumes ?? {}).not.toHaveProperty('walg');
    expect(filesOf(s3).some(f => f.path.startsWith(ENV_DIR))).toBe(false);
  });
});
