// The live stream (API.md §7, GET /api/stream) needs the key in a header, which EventSource cannot send; so it is
// read with fetch and a streamed reader, and the Server-Sent Events framing is parsed here. After a drop it
// reconnects with Last-Event-ID, so no change is missed in between.

import {session} from './api.js';

const RETRY_MS = 2000;

/** Calls onEvent(type, data) for each event until the returned function is called. */
export function subscribe(onEvent, onState) {
  const controller = new AbortController();
  let lastEventId = null;
  let stopped = false;

  async function connect() {
    while (!stopped) {
      try {
        const headers = {Accept: 'text/event-stream', 'X-API-Key': session.key() || ''};
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch('/api/stream', {headers, signal: controller.signal});
        if (!response.ok) {
          onState?.('unavailable');
          return; // a 401/403 does not heal by retrying
        }
        onState?.('live');
        await read(response.body.getReader());
      } catch (error) {
        if (stopped || error.name === 'AbortError') return;
      }
      if (stopped) return;
      onState?.('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  async function read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, {stream: true}).replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  function dispatch(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'event') type = value;
      else if (name === 'data') data.push(value);
      else if (name === 'id') lastEventId = value;
    }
    if (!data.length) return;
    try {
      onEvent(type, JSON.parse(data.join('\n')));
    } catch {
      // not JSON: nothing the console shows
    }
  }

  connect();
  return () => {
    stopped = true;
    controller.abort();
  };
}
