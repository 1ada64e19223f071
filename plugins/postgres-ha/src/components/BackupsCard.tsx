import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusRunning,
  WarningPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { BackupRun, BackupStatus } from '@pgha/plugin-postgres-ha-common';
import { formatBytes, formatDuration, formatTime } from './format';
import { describeSchedule } from './schedule';

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
        <Table size="small" aria-label="Recent logical backups">
          <TableHead>
            <TableRow>
              <TableCell>Run</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Started</TableCell>
              <TableCell>Duration</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {logical.runs.map(run => (
              <TableRow key={run.name}>
                <TableCell>{run.name}</TableCell>
                <TableCell>
                  <RunStatus status={run.status} />
                </TableCell>
                <TableCell>{formatTime(run.startedAt)}</TableCell>
                <TableCell>
                  {run.durationSeconds === undefined
                    ? '—'
                    : formatDuration(run.durationSeconds)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

function BaseBackups(props: { base: BackupStatus['base'] }) {
  if (props.base.length === 0) {
    return <Typography variant="body2">No base backups yet.</Typography>;
  }
  return (
    <Table size="small" aria-label="Base backups">
      <TableHead>
        <TableRow>
          <TableCell>Label</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Finished</TableCell>
          <TableCell>Size</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.base.map(b => (
          <TableRow key={b.label}>
            <TableCell>{b.label}</TableCell>
            <TableCell>{b.type}</TableCell>
            <TableCell>{formatTime(b.finishedAt)}</TableCell>
            <TableCell>
              {b.sizeBytes === undefined ? '—' : formatBytes(b.sizeBytes)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
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
            ? `${formatTime(window.earliest)} – ${formatTime(window.latest)}`
            : 'No point-in-time recovery possible: no base backup with archived WAL.'}
        </Typography>
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
