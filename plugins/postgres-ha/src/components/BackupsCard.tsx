import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusRunning,
  WarningPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import {
  BackupRun,
  BackupStatus,
  BaseBackup,
} from '@pgha/plugin-postgres-ha-common';
import {
  formatBytes,
  formatDuration,
  formatTime,
  timeZoneLabel,
} from './format';
import { describeSchedule } from './schedule';
import { SimpleTable } from './SimpleTable';

function RunStatus(props: { status: BackupRun['status'] }) {
  if (props.status === 'Succeeded') return <StatusOK>Succeeded</StatusOK>;
  if (props.status === 'Failed') return <StatusError>Failed</StatusError>;
  return <StatusRunning>Running</StatusRunning>;
}

function Heading(props: { children: string }) {
  return (
    <Typography variant="subtitle2" component="h3" gutterBottom>
      {props.children}
    </Typography>
  );
}

function Logical(props: { logical: BackupStatus['logical']; now: Date }) {
  const { logical, now } = props;
  if (!logical?.schedule) {
    return (
      <Typography variant="body2">
        No logical backup schedule configured.
      </Typography>
    );
  }
  const schedule = describeSchedule(logical.schedule, now);
  return (
    <>
      {'error' in schedule ? (
        <Typography variant="body2" color="error">
          {schedule.error}
        </Typography>
      ) : (
        <Typography variant="body2">
          {schedule.words}; next run {schedule.nextRun.toLocaleString()}
        </Typography>
      )}
      {logical.runs.length === 0 ? (
        <Typography variant="body2">No runs yet.</Typography>
      ) : (
        <SimpleTable
          label="Recent logical backups"
          columns={['Run', 'Status', 'Started', 'Duration']}
          rows={logical.runs.map(run => ({
            key: run.name,
            cells: [
              run.name,
              <RunStatus status={run.status} />,
              formatTime(run.startedAt),
              run.durationSeconds === undefined
                ? '—'
                : formatDuration(run.durationSeconds),
            ],
          }))}
        />
      )}
    </>
  );
}

function took(b: BaseBackup): string {
  const ms = Date.parse(b.finishedAt) - Date.parse(b.startedAt);
  return Number.isNaN(ms) ? '—' : formatDuration(ms / 1000);
}

function walRange(b: BaseBackup): ReactNode {
  if (!b.walStart) return '—';
  return !b.walStop || b.walStop === b.walStart ? (
    b.walStart
  ) : (
    <>
      {b.walStart} –<br />
      {b.walStop}
    </>
  );
}

function BaseBackups(props: { base: BackupStatus['base'] }) {
  if (props.base.length === 0) {
    return <Typography variant="body2">No base backups yet.</Typography>;
  }
  return (
    <SimpleTable
      label="Base backups"
      columns={['Label', 'Type', 'Finished', 'Size', 'Took', 'WAL range']}
      rows={props.base.map(b => ({
        key: b.label,
        cells: [
          b.label,
          b.type,
          formatTime(b.finishedAt),
          b.sizeBytes === undefined ? '—' : formatBytes(b.sizeBytes),
          took(b),
          walRange(b),
        ],
      }))}
    />
  );
}

/** Can we restore, and to when: the recoverable window first, then the evidence. */
export function BackupsCard(props: { backups: BackupStatus; now?: Date }) {
  const { backups, now = new Date() } = props;
  const window = backups.recoveryWindow;
  return (
    <InfoCard title="Backups">
      {backups.error && (
        <Box mb={2}>
          <WarningPanel
            title="Backup information could not be read"
            message={backups.error}
          />
        </Box>
      )}
      <Box mb={2} data-testid="recovery-window">
        <Heading>Recoverable window</Heading>
        <Typography variant="body2">
          {window
            ? `${formatTime(window.earliest)} – ${formatTime(
                window.latest,
              )} (${timeZoneLabel()})`
            : 'No point-in-time recovery possible: no base backup with archived WAL.'}
        </Typography>
        {window?.latestWal && (
          <Typography variant="caption" color="textSecondary">
            Newest archived WAL: {window.latestWal}
          </Typography>
        )}
      </Box>
      <Box mb={2}>
        <Heading>Logical backups</Heading>
        <Logical logical={backups.logical} now={now} />
      </Box>
      <Heading>Base backups</Heading>
      <BaseBackups base={backups.base} />
    </InfoCard>
  );
}
