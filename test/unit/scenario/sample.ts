// A realistic scenario (the free-from-RCU-callback race under v1) used by the golden test and
// as the seed text the fuzz tests mutate.

export const SAMPLE = `# Free from an RCU callback while a guest thread re-allocates.
title "RCU free vs. reuse"
model v1 cleanup=deferred

capacity 0x100
set vm1 quota=4 -> sid1
system_set quota=2
device dev0 ats=on max_pasid=64
mm proc
notifier iommu kind=iommu
notifier kvm kind=kvm set=vm1 prio=cpu

alloc vm1 min=1 max=16 -> g1
bind dev0 g1 gpasid=5
expect entry dev0 g1 present
sva_bind dev0 proc -> p1

thread guest {
  repeat 2 {
    alloc vm1 -> g2    # the reuse candidate
  }
  expect used vm1 == 3
}
thread host {
  call_rcu {
    free g1
  }
  mmu_notifier_put proc
}
schedule host guest rcu wq main
join
note "the race: \\"g1\\" may come back"
quiesce
expect violation reuse-before-cleanup
expect state g1 == free
`;
