import type http from 'node:http';
import type { RecordedObject } from './recordedArchive';
import { S3Dialect, startFakeS3 } from './fakeS3';
import { parseSigV4, sigV4Signature } from './sigV4';

/**
 * GCS's XML API as it answers S3-style requests signed with an HMAC key: its
 * ListBucketResult namespace, Generation/MetaGeneration per object, opaque
 * continuation tokens, and its 403 answers to an unknown key or a bad signature.
 */
function gcsDialect(hmac: { accessId: string; secret: string }): S3Dialect {
  return {
    namespace: 'http://doc.s3.amazonaws.com/2006-03-01',
    contents: (o: RecordedObject) =>
      `<Generation>${
        Date.parse(o.lastModified) * 1000 + 327000
      }</Generation><MetaGeneration>1</MetaGeneration>`,
    token: name => Buffer.from(`${name}\u0000`).toString('base64'),
    after: token => Buffer.from(token, 'base64').toString().slice(0, -1),
    notFound: code =>
      code === 'NoSuchBucket'
        ? 'The specified bucket does not exist.'
        : 'The specified key does not exist.',
    refuse: (req: http.IncomingMessage, url: URL) => {
      const parts = parseSigV4(req.headers.authorization);
      if (!parts) {
        return { status: 403, code: 'AccessDenied', message: 'Access denied.' };
      }
      if (parts.accessId !== hmac.accessId) {
        return {
          status: 403,
          code: 'InvalidAccessKeyId',
          message:
            'The Google Cloud access key Id you provided does not exist in our records.',
        };
      }
      if (sigV4Signature(req, url, hmac.secret, parts) !== parts.signature) {
        return {
          status: 403,
          code: 'SignatureDoesNotMatch',
          message:
            'The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.',
        };
      }
      return undefined;
    },
  };
}

/** A fake GCS XML API endpoint on 127.0.0.1 serving a recorded WAL-G archive. */
export function startFakeGcs(options: {
  recording: string;
  hmac: { accessId: string; secret: string };
  pageSize?: number;
}) {
  return startFakeS3({
    recording: options.recording,
    pageSize: options.pageSize,
    dialect: gcsDialect(options.hmac),
  });
}
