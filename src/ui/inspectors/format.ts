// Number formatting shared by the inspectors: hex pointers, byte sizes, grouped counts.

export function hex(n: number): string {
  return '0x' + Math.max(0, Math.floor(n)).toString(16).padStart(n > 0xffff ? 8 : 4, '0');
}

/** Bytes in the units the kernel code uses for these tables (4 KiB pages). */
export function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(2)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function flag(b: boolean): string {
  return b ? '1' : '0';
}
