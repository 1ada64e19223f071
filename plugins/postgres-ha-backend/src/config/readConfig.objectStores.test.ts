import { generateKeyPairSync } from 'node:crypto';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readPostgresHaConfig } from './readConfig';

const read = (...objectStores: JsonObject[]) =>
  readPostgresHaConfig(new ConfigReader({ postgresHa: { objectStores } }))
    .objectStores;

const SECRET_KEY = Buffer.from('an azure account key').toString('base64');
const PRIVATE_KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;
const keyFile = (fields: Record<string, string>) =>
  JSON.stringify({
    type: 'service_account',
    client_email: 'walg-reader@pgha-test.iam.gserviceaccount.com',
    private_key: PRIVATE_KEY,
    token_uri: 'http://127.0.0.1:9/token',
    ...fields,
  });

describe('postgresHa.objectStores', () => {
  it('defaults gcs to the XML API endpoint, region auto and path style, and strips a SAS token’s leading ?', () => {
    const [gcs, azure] = read(
      {
        name: 'g',
        provider: 'gcs',
        bucket: 'b',
        accessKeyId: 'GOOG1E',
        secretAccessKey: 's',
      },
      {
        name: 'a',
        provider: 'azure',
        bucket: 'c',
        accountName: 'pgha01',
        sasToken: '?sv=2021-08-06&sp=rl&sig=x',
      },
    );
    expect(gcs).toMatchObject({
      endpoint: 'https://storage.googleapis.com',
      region: 'auto',
      forcePathStyle: true,
    });
    expect(azure).toMatchObject({
      accountName: 'pgha01',
      sasToken: 'sv=2021-08-06&sp=rl&sig=x',
    });
  });

  it('reads a gcs service-account key: its email, private key and token_uri, endpoint defaulting to the JSON API base', () => {
    const [gcs] = read({
      name: 'g',
      provider: 'gcs',
      bucket: 'b',
      serviceAccountKey: keyFile({}),
    });
    expect(gcs).toMatchObject({
      endpoint: 'https://storage.googleapis.com',
      serviceAccountKey: {
        clientEmail: 'walg-reader@pgha-test.iam.gserviceaccount.com',
        privateKey: PRIVATE_KEY,
        tokenUri: 'http://127.0.0.1:9/token',
      },
    });
  });

  it.each([
    [
      { provider: 'b2' },
      "postgresHa.objectStores[1].provider (store 'x') must be one of s3, gcs, azure",
    ],
    [
      { provider: 'azure', accessKeyId: 'k' },
      "postgresHa.objectStores[1].accessKeyId (store 'x') is not used by provider azure; give accountName with accountKey or sasToken",
    ],
    [
      { provider: 'gcs', accountKey: SECRET_KEY },
      "postgresHa.objectStores[1].accountKey (store 'x') is only used by provider azure, not gcs",
    ],
    [
      { provider: 'azure', accountName: 'PG_Backups' },
      "postgresHa.objectStores[1].accountName (store 'x') must be the storage account name: 3 to 24 lowercase letters and digits",
    ],
    [
      { provider: 'azure', accountKey: 'not base64!secret' },
      "postgresHa.objectStores[1].accountKey (store 'x') is not a base64 account key (key1 or key2 of the storage account's access keys)",
    ],
    [
      { provider: 'azure', accountKey: SECRET_KEY, sasToken: 'sv=1&sig=2' },
      "postgresHa.objectStores[1].sasToken (store 'x') and accountKey are both set; give one of them",
    ],
    [
      { provider: 'azure', sasToken: 'secret-token-without-signature' },
      "postgresHa.objectStores[1].sasToken (store 'x') is not a SAS query string (sv=…&sp=rl&…&sig=…, with or without the leading ?)",
    ],
    [
      { provider: 'gcs' },
      "postgresHa.objectStores[1].serviceAccountKey (store 'x') or accessKeyId and secretAccessKey (an HMAC key) must be given",
    ],
    [
      {
        provider: 'gcs',
        serviceAccountKey: keyFile({}),
        secretAccessKey: 'secret-token',
      },
      "postgresHa.objectStores[1].serviceAccountKey (store 'x') and secretAccessKey are both set; give the JSON key or the HMAC key",
    ],
    [
      { provider: 'gcs', serviceAccountKey: 'secret-token' },
      "postgresHa.objectStores[1].serviceAccountKey (store 'x') is not a service-account JSON key (not JSON; give the whole key file)",
    ],
    [
      {
        provider: 'gcs',
        serviceAccountKey: JSON.stringify({ private_key_id: 'secret-token' }),
      },
      "postgresHa.objectStores[1].serviceAccountKey (store 'x') is not a service-account JSON key (needs client_email, private_key, token_uri)",
    ],
    [
      {
        provider: 'gcs',
        serviceAccountKey: keyFile({ private_key: 'secret-token' }),
      },
      "postgresHa.objectStores[1].serviceAccountKey (store 'x') is not a service-account JSON key (private_key is not a PEM private key)",
    ],
    [
      { provider: 'gcs', serviceAccountKey: keyFile({ token_uri: 'oauth2' }) },
      "postgresHa.objectStores[1].serviceAccountKey (store 'x') is not a service-account JSON key (token_uri is not an http(s) URL)",
    ],
    [
      { serviceAccountKey: keyFile({}) },
      "postgresHa.objectStores[1].serviceAccountKey (store 'x') is only used by provider gcs, not s3",
    ],
    [
      { endpoint: 'minio:9000' },
      "postgresHa.objectStores[1].endpoint (store 'x') 'minio:9000' is not an http(s) URL",
    ],
  ])('refuses %j naming the key, never echoing a secret', (entry, message) => {
    const call = () =>
      read({ name: 'ok', bucket: 'a' }, { name: 'x', bucket: 'b', ...entry });
    expect(call).toThrow(message);
    expect(call).not.toThrow(/secret-token|not base64!secret|PRIVATE KEY/);
  });
});
