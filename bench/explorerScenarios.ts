// The explorer benchmark's scenarios, each 3 threads x 4 statements and 2 deferred items
// (the large one adds a fourth thread); tests use them too.

export const EXPLORER_BENCH_SCENARIO = `title "explorer bench: 3 threads x 4 statements, 2 deferred items"
model v4
set vm1 quota=16
set vm2 quota=16
notifier vtd kind=iommu
notifier kvm kind=kvm
device dev0
device dev1
alloc vm1 -> a
alloc vm1 -> b
alloc vm2 -> c
bind dev0 a gpasid=1
bind dev1 c gpasid=2
work {
  dma dev0 a
}
call_rcu {
  get b
}
thread t1 {
  dma dev0 a
  get b
  put b
  dma dev1 c
}
thread t2 {
  get c
  find a
  put c
  dma dev1 c
}
thread t3 {
  spin_lock L
  find c
  spin_unlock L
  note "done"
}
join
`;

/**
 * The same shape (3 threads x 4 statements, 2 deferred items) with binds, unbinds and
 * allocations in the threads: a few thousand states, enough work for two workers to share.
 */
export const EXPLORER_BENCH_HEAVY = `title "explorer bench (heavy): 3 threads x 4 statements, 2 deferred items"
model v4
set vm1 quota=64
set vm2 quota=64
notifier vtd kind=iommu
notifier kvm kind=kvm
device dev0
device dev1
alloc vm1 -> a
alloc vm2 -> b
work {
  dma dev0 a
}
call_rcu {
  put b
}
thread t1 {
  alloc vm1 -> x
  bind dev0 x gpasid=1
  unbind dev0 x
  free x
}
thread t2 {
  alloc vm2 -> y
  bind dev1 y gpasid=2
  dma dev1 y
  free y
}
thread t3 {
  get b
  bind dev0 a gpasid=3
  dma dev0 a
  alloc vm1 -> z
}
join
`;

/**
 * The heavy scenario with a fourth thread of the same kind: ~96k states, a search of
 * seconds, where splitting is worth its cost (the two above take about 5 and 100 ms on one worker).
 */
export const EXPLORER_BENCH_LARGE = EXPLORER_BENCH_HEAVY.replace('title "explorer bench (heavy): 3 threads x 4 statements', 'title "explorer bench (large): 4 threads x 4 statements').replace(
  '\njoin\n',
  '\nthread t4 {\n  alloc vm2 -> w\n  bind dev1 w gpasid=7\n  unbind dev1 w\n  free w\n}\njoin\n',
);
