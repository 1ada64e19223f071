import { parseJsonKeepingBigInts } from './parseJson';

describe('parseJsonKeepingBigInts', () => {
  it('keeps a 64-bit pgBackRest system-id exact while ordinary numbers stay numbers', () => {
    const text =
      '[{"db":[{"id":1,"system-id":7710839943782639997,"version":"15"}],"size":23039206,"ratio":0.5}]';
    expect(JSON.parse(text)[0].db[0]['system-id']).not.toBe(
      7710839943782639997n.toString(),
    );
    expect(parseJsonKeepingBigInts(text)).toEqual([
      {
        db: [{ id: 1, 'system-id': '7710839943782639997', version: '15' }],
        size: 23039206,
        ratio: 0.5,
      },
    ]);
  });
});
