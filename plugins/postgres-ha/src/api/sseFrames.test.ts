import { SseFrameParser } from './sseFrames';

describe('SseFrameParser', () => {
  it('returns a named event once its blank line arrives, even when split across chunks', () => {
    const parser = new SseFrameParser();
    expect(parser.push('event: status\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\n\n')).toEqual([
      { event: 'status', data: '{"a":1}' },
    ]);
  });

  it('joins multi-line data, accepts CRLF, and skips keep-alive comments', () => {
    const parser = new SseFrameParser();
    const frames = parser.push(
      ': keep-alive\r\n\r\ndata: line1\r\ndata: line2\r\n\r\nevent: status\ndata:x\n\n',
    );
    expect(frames).toEqual([
      { event: 'message', data: 'line1\nline2' },
      { event: 'status', data: 'x' },
    ]);
  });
});
