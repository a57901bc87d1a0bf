import { authHeaders } from './api.js';

// Server-sent events read with fetch rather than EventSource, because EventSource cannot send the
// Authorization or X-Api-Key header. The stream reconnects by itself with a growing pause (up to 10 s),
// and calls onOpen on every (re)connection so the page can re-read what it may have missed.
export function listen(path, { onOpen, onEvent, onClose }) {
  const stopper = new AbortController();
  let delay = 500;

  async function connectOnce() {
    const response = await fetch(path, {
      headers: { Accept: 'text/event-stream', ...authHeaders() },
      cache: 'no-store',
      signal: stopper.signal,
    });
    if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
    delay = 500;
    await onOpen();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
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
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) onEvent(type, JSON.parse(data.join('\n')));
  }

  (async () => {
    while (!stopper.signal.aborted) {
      let failure = null;
      try {
        await connectOnce();
      } catch (error) {
        failure = error;
      }
      if (stopper.signal.aborted) return;
      onClose(failure);
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  })();

  return () => stopper.abort();
}
