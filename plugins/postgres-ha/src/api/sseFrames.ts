/** One server-sent event: its `event:` name (default `message`) and joined `data:` lines. */
export interface SseFrame {
  event: string;
  data: string;
}

/**
 * Incremental parser for a text/event-stream body. We read the stream through
 * fetchApi (so the Backstage token is sent), which means parsing frames ourselves.
 * Feed it decoded text chunks; it returns the frames completed by each chunk.
 */
export class SseFrameParser {
  #buffer = '';

  push(chunk: string): SseFrame[] {
    this.#buffer += chunk.replace(/\r\n?/g, '\n');
    const frames: SseFrame[] = [];
    let end = this.#buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = parseFrame(this.#buffer.slice(0, end));
      if (frame) frames.push(frame);
      this.#buffer = this.#buffer.slice(end + 2);
      end = this.#buffer.indexOf('\n\n');
    }
    return frames;
  }
}

function parseFrame(block: string): SseFrame | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event, data: data.join('\n') } : undefined;
}
