// The Web Worker entry: validates each message and hands it to the handler; a malformed
// message gets a tagged error instead of being trusted.

import { LabHandler, type Post } from './handler';

const scope = self as unknown as { postMessage: (m: unknown, t?: Transferable[]) => void; onmessage: ((e: MessageEvent) => void) | null };
const post: Post = (m, transfer) => scope.postMessage(m, transfer ?? []);
const handler = new LabHandler(post);

// The handler validates each message itself and answers a malformed one with a specific error.
scope.onmessage = (e: MessageEvent) => {
  void handler.handle(e.data as unknown);
};
