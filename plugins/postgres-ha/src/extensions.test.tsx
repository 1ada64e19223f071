import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { postgresHaEntityCard, postgresHaEntityContent } from './extensions';
import { labEntity } from './__testUtils__/fixtures';

const unannotated = {
  ...labEntity,
  metadata: { name: 'orders-db', namespace: 'default' },
};

describe('entity extensions', () => {
  it('mounts the PostgreSQL tab at /postgresql only for entities annotated for the suite', () => {
    const tester = createExtensionTester(postgresHaEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/postgresql');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'PostgreSQL',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter).toBeInstanceOf(Function);
    expect(filter?.(labEntity)).toBe(true);
    expect(filter?.(unannotated)).toBe(false);
  });

  it('shows the overview card only for entities annotated for the suite', () => {
    const filter = createExtensionTester(postgresHaEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter).toBeInstanceOf(Function);
    expect(filter?.(labEntity)).toBe(true);
    expect(filter?.(unannotated)).toBe(false);
  });
});
