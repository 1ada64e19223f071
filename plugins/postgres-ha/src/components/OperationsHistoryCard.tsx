import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusRunning,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Typography from '@material-ui/core/Typography';
import { OperationRecord } from '@pgha/plugin-postgres-ha-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { postgresHaApiRef } from '../api/PostgresHaClient';
import { formatDuration, formatTime } from './format';
import { SimpleTable } from './SimpleTable';

/** How often the card re-reads the history (operations may come from other tabs and replicas). */
const RELOAD_MS = 15_000;

function Result(props: { record: OperationRecord }) {
  const { status, message } = props.record;
  const text = message ? `${status}: ${message}` : status;
  if (status === 'succeeded') return <StatusOK>{text}</StatusOK>;
  if (status === 'failed') return <StatusError>{text}</StatusError>;
  if (status === 'interrupted') return <StatusAborted>{text}</StatusAborted>;
  return <StatusRunning>{text}</StatusRunning>;
}

function parameters(record: OperationRecord): string {
  const entries = Object.entries(record.parameters).filter(
    ([, value]) => value !== null,
  );
  return entries.length
    ? entries.map(([key, value]) => `${key}=${value}`).join(', ')
    : '—';
}

/** Who ran which operation on the cluster, when, from which backend replica, and how it ended. */
export function OperationsHistoryCard(props: { entity: CompoundEntityRef }) {
  const api = useApi(postgresHaApiRef);
  const { kind, namespace, name } = props.entity;
  const { value, error, loading, retry } = useAsyncRetry(
    () => api.getOperations({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
  useInterval(retry, RELOAD_MS);

  let body;
  if (!value && loading) {
    body = <Progress />;
  } else if (!value) {
    body = (
      <WarningPanel
        title="The operations history could not be read"
        defaultExpanded
        message={
          error instanceof ResponseError
            ? error.body.error.message
            : error?.message
        }
      />
    );
  } else if (value.operations.length === 0) {
    body = (
      <Typography variant="body2" style={{ padding: 16 }}>
        No operations recorded yet: switchover, scale, backup and restore
        requests made here appear with who made them.
      </Typography>
    );
  } else {
    body = (
      <SimpleTable
        label="Operations"
        columns={[
          'Operation',
          'Parameters',
          'Who',
          'Started',
          'Duration',
          'Replica',
          'Result',
        ]}
        rows={value.operations.map(r => ({
          key: r.id,
          cells: [
            r.operation,
            parameters(r),
            r.actor,
            formatTime(r.startedAt),
            r.durationMs === undefined
              ? '—'
              : formatDuration(r.durationMs / 1000),
            r.replica,
            <Result record={r} />,
          ],
        }))}
      />
    );
  }
  return (
    <InfoCard title="Operations" noPadding>
      {body}
    </InfoCard>
  );
}
