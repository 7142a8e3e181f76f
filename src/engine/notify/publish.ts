// ioasid_notify: deliver an event on the global chain, then on the chain of the ID's set.
// A blocking chain takes an rwsem (may sleep); on an atomic chain the handlers run in atomic
// context (atomic_notifier_call_chain holds rcu_read_lock). NOTIFY_STOP and NOTIFY_BAD
// stop the rest of that chain (NOTIFY_STOP_MASK), as notifier_call_chain does.

import type { Kernel } from '../kernel/kernel';
import type { EventName, NotifyReply } from '../trace';
import { handleEvent } from '../consumers/dispatch';

export function publish(k: Kernel, event: EventName, id: number): void {
  const s = k.state.view;
  if (s.subs.size === 0) return;
  const sid = s.ids.sid[id] ?? -1;
  const setName = s.sets.nameOfSid(sid);
  callChain(k, 'global', -1, 'ioasid_chain', setName, event, id);
  if (sid >= 0) callChain(k, 'set', sid, `${setName}->nh`, setName, event, id);
}

/** The atomic-context reason of a chain, built once per chain head (hot path). */
const atomicReasons = new Map<string, string>();
function atomicReason(head: string): string {
  let r = atomicReasons.get(head);
  if (r === undefined) atomicReasons.set(head, (r = `atomic notifier chain ${head}`));
  return r;
}

function callChain(k: Kernel, chain: 'global' | 'set', chainSid: number, head: string, setName: string, event: EventName, id: number): void {
  const s = k.state;
  const subs = s.view.subs.chain(chainSid);
  if (subs.length === 0) return;
  const blocking = k.model.chain === 'blocking';
  if (blocking) k.mightSleep(`blocking_notifier_call_chain(${head})`);
  else k.ctx.enterAtomic(atomicReason(head));
  try {
    for (const sub of subs) {
      k.ctx.enter(sub.callName);
      let reply: NotifyReply;
      try {
        reply = handleEvent(k, sub, event, id);
      } finally {
        k.ctx.leave();
      }
      if (k.trackDelivered) s.delivered.add(`${sub.name}|${event}|${id}`);
      k.sink.delivery({ event, id, set: setName, subscriber: sub.name, priority: sub.prio, chain, context: k.ctx.context, reply });
      if (reply === 'NOTIFY_STOP' || reply === 'NOTIFY_BAD') break;
    }
  } finally {
    if (!blocking) k.ctx.leaveAtomic();
  }
}
