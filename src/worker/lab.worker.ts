// The Web Worker entry: validates each message and hands it to the handler; a malformed
// message gets a tagged error instead of being trusted.

import { LabHandler, type Post } from './handler';
import { isRequest } from './protocol';

const scope = self as unknown as { postMessage: (m: unknown, t?: Transferable[]) => void; onmessage: ((e: MessageEvent) => void) | null };
const post: Post = (m, transfer) => scope.postMessage(m, transfer ?? []);
const handler = new LabHandler(post);

scope.onmessage = (e: MessageEvent) => {
  const m: unknown = e.data;
  if (!isRequest(m)) {
    const id = typeof (m as { id?: unknown })?.id === 'number' ? (m as { id: number }).id : -1;
    post({ type: 'error', id, error: 'malformed request' });
    return;
  }
  void handler.handle(m);
};
