import { PostgresHaClient } from '../api/PostgresHaClient';
import recorded from '../__fixtures__/backendErrors.json';

/** An error answer of the real backend, recorded by its service/errorBodies.test.ts. */
export type RecordedError = keyof typeof recorded;

/** The real client, its every request answered with the recorded `name` answer. */
export function clientAnswering(name: RecordedError): PostgresHaClient {
  const { status, statusText, body } = recorded[name];
  const response = {
    ok: false,
    status,
    statusText,
    headers: new Headers({ 'content-type': 'application/json; charset=utf-8' }),
    text: async () => JSON.stringify(body),
  } as unknown as Response;
  return new PostgresHaClient({
    discoveryApi: { getBaseUrl: async id => `http://localhost/api/${id}` },
    fetchApi: { fetch: async () => response },
  });
}

/** The backend's own message in the recorded answer. */
export const recordedMessage = (name: RecordedError) =>
  recorded[name].body.error.message;
