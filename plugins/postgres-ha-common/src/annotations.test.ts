import { ANNOTATION_CLUSTER_NAME, isPostgresHaAvailable } from './annotations';

describe('isPostgresHaAvailable', () => {
  it('is true only for entities annotated with a cluster name', () => {
    expect(
      isPostgresHaAvailable({
        metadata: { annotations: { [ANNOTATION_CLUSTER_NAME]: 'acid-orders' } },
      }),
    ).toBe(true);
    expect(isPostgresHaAvailable({ metadata: { annotations: {} } })).toBe(
      false,
    );
    expect(isPostgresHaAvailable({ metadata: {} })).toBe(false);
  });
});
