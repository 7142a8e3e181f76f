// Kernel-style results: a value >= 0, a negative errno, or INVALID_IOASID where the kernel
// returns it (ioasid_alloc, ioasid_find_by_spid). Names follow include/uapi/asm-generic/errno*.h.

export const INVALID_IOASID = 0xffffffff;

export const ENOENT = -2;
export const EAGAIN = -11;
export const ENOMEM = -12;
export const EACCES = -13;
export const EFAULT = -14;
export const EBUSY = -16;
export const EEXIST = -17;
export const ENODEV = -19;
export const EINVAL = -22;
export const ENOSPC = -28;
export const EOVERFLOW = -75;
export const EDEADLK = -35;

const NAMES = new Map<number, string>([
  [ENOENT, '-ENOENT'],
  [EAGAIN, '-EAGAIN'],
  [ENOMEM, '-ENOMEM'],
  [EACCES, '-EACCES'],
  [EFAULT, '-EFAULT'],
  [EBUSY, '-EBUSY'],
  [EEXIST, '-EEXIST'],
  [ENODEV, '-ENODEV'],
  [EINVAL, '-EINVAL'],
  [ENOSPC, '-ENOSPC'],
  [EOVERFLOW, '-EOVERFLOW'],
  [EDEADLK, '-EDEADLK'],
]);

const BY_NAME = new Map<string, number>([...NAMES].map(([v, n]) => [n, v]));

/** `resultName` of the trace: the errno name, INVALID_IOASID, or the number. */
export function resultName(result: number): string {
  if (result === INVALID_IOASID) return 'INVALID_IOASID';
  if (result < 0) return NAMES.get(result) ?? String(result);
  return String(result);
}

/** `-EINVAL` -> -22; undefined for a name that is not a known errno. */
export function errnoByName(name: string): number | undefined {
  return BY_NAME.get(name);
}

export const ERRNO_NAMES: readonly string[] = [...NAMES.values()];

/** A result that `expect ok` rejects: an errno or INVALID_IOASID. */
export function isFailure(result: number): boolean {
  return result < 0 || result === INVALID_IOASID;
}
