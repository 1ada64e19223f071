import {
  type CloneSource,
  CREDENTIAL_KEYS,
  parseWalPrefix,
} from '@pgha/plugin-postgres-ha-common';
import {
  type SpiloEnvironment,
  variable,
} from '../backup/walg/spiloEnvironment';
import type { WalgLocation } from '../backup/walg/walgStore';
import type { PodEnvironment } from './podEnvironment';

interface SpecEnv {
  name?: unknown;
  value?: unknown;
  valueFrom?: { secretKeyRef?: { name?: unknown } };
}

interface SpecVolume {
  mountPath?: unknown;
  volumeSource?: { secret?: { secretName?: unknown } };
}

const PREFIX_VARIABLES = ['WALG_S3_PREFIX', 'WALG_GS_PREFIX', 'WALG_AZ_PREFIX'];

const text = (v: unknown) =>
  typeof v === 'string' && v !== '' ? v : undefined;

/**
 * Where a cluster archives WAL, read from its live `postgresql` spec (the WALG_*_PREFIX
 * and store variables this suite renders). Only Secret NAMES are taken from secretKeyRef
 * entries; a credential written as a literal value is ignored, never copied.
 */
export function walArchiveOf(spec: object): CloneSource | undefined {
  // The live object is read as it is, not as this suite's types say it should be.
  const { env: rawEnv, additionalVolumes } = spec as {
    env?: unknown;
    additionalVolumes?: unknown;
  };
  const env: SpecEnv[] = Array.isArray(rawEnv) ? rawEnv : [];
  const value = (name: string) => text(env.find(e => e.name === name)?.value);
  const secretOf = (name: string) =>
    text(env.find(e => e.name === name)?.valueFrom?.secretKeyRef?.name);
  const prefix = PREFIX_VARIABLES.map(value).find(Boolean);
  const location = prefix ? parseWalPrefix(prefix) : undefined;
  if (!location) return undefined;
  switch (location.store) {
    case 's3': {
      const region = value('AWS_REGION');
      const endpoint = value('AWS_ENDPOINT');
      const secret = secretOf('AWS_ACCESS_KEY_ID');
      return {
        ...location,
        ...(region && { region }),
        ...(endpoint && { endpoint }),
        forcePathStyle: value('AWS_S3_FORCE_PATH_STYLE') === 'true',
        ...(secret && { credentialsSecret: secret }),
      };
    }
    case 'gcs': {
      const secret = gcsKeySecret(
        value('GOOGLE_APPLICATION_CREDENTIALS'),
        additionalVolumes,
      );
      return { ...location, ...(secret && { credentialsSecret: secret }) };
    }
    default: {
      const secret = secretOf('AZURE_STORAGE_ACCESS_KEY');
      return { ...location, ...(secret && { credentialsSecret: secret }) };
    }
  }
}

/** The Secret mounted where GOOGLE_APPLICATION_CREDENTIALS points (the key file's directory). */
function gcsKeySecret(keyFile: string | undefined, volumes: unknown) {
  if (!keyFile || !Array.isArray(volumes)) return undefined;
  const dir = keyFile.slice(0, keyFile.lastIndexOf('/'));
  const volume = (volumes as SpecVolume[]).find(v => v.mountPath === dir);
  return text(volume?.volumeSource?.secret?.secretName);
}

/**
 * Where a cluster archives when the operator's configuration or pod environment
 * names the store (spec.env does not): the store as Spilo derives it, S3 options
 * from literal variables, and the pod environment Secret as the credentials
 * Secret when it holds the store's credential keys (key names only are read).
 */
export function walArchiveFromEnvironment(
  location: WalgLocation,
  env: SpiloEnvironment,
  secret: PodEnvironment['secret'],
): CloneSource | undefined {
  // A bucket kept in a Secret stays out of the status (and the restore form).
  if (location.secret) return undefined;
  const store = location.provider;
  const literal = (name: string) => {
    const v = variable(env, name);
    return v && !v.secret ? v.value : undefined;
  };
  const credentialKeys: readonly string[] = CREDENTIAL_KEYS[store];
  const credentialsSecret =
    secret && credentialKeys.every(k => secret.keys.includes(k))
      ? secret.name
      : undefined;
  const region = store === 's3' ? literal('AWS_REGION') : undefined;
  const endpoint = store === 's3' ? literal('AWS_ENDPOINT') : undefined;
  return {
    store,
    bucket: location.bucket,
    prefix: location.prefix,
    ...(region && { region }),
    ...(endpoint && { endpoint }),
    ...(store === 's3' && {
      forcePathStyle: literal('AWS_S3_FORCE_PATH_STYLE') === 'true',
    }),
    ...(credentialsSecret && { credentialsSecret }),
  };
}
