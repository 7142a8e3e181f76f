// What each kernel actor still holds for an ID: the VT-d driver's bound devices, KVM's VMCS
// PASID translation, a device model's programmed PASID, and bare-metal SVA mms. Each
// holding remembers the allocation generation it was taken for, so a holding that outlives
// its owner is recognisable (the ID-reuse hazard).

export interface IommuBinding {
  readonly device: string;
  readonly id: number;
  readonly gen: number;
  /** Whether the driver took an ioasid reference for it. */
  readonly ref: boolean;
  /** Bare-metal SVA binding (first-level, owned by an mm) rather than a guest bind. */
  readonly sva: boolean;
}

export interface KvmTranslation {
  readonly gen: number;
  readonly gpasid: number;
  readonly ref: boolean;
}

export interface VdcmProgram {
  readonly gen: number;
  readonly ref: boolean;
}

export interface MmRecord {
  name: string;
  /** The mm's PASID (mm->pasid) or -1. */
  id: number;
  gen: number;
  devices: string[];
  /** References the mm's binds hold on its PASID. */
  refs: number;
}

export class Holdings {
  /** key `${id}:${device}` */
  iommu = new Map<string, IommuBinding>();
  /** id → devices bound by the VT-d driver */
  iommuById = new Map<number, readonly string[]>();
  kvm = new Map<number, KvmTranslation>();
  vdcm = new Map<number, VdcmProgram>();
  mms = new Map<string, MmRecord>();
  /**
   * Allocation generation → owner label ("vm1"), recorded for bound IDs only (messages).
   * Append-only facts about the past, so copies share it instead of copying it.
   */
  owners = new Map<number, string>();

  addBinding(b: IommuBinding): void {
    this.iommu.set(`${b.id}:${b.device}`, b);
    // Replaced, not pushed to: copies share these arrays.
    this.iommuById.set(b.id, [...(this.iommuById.get(b.id) ?? []), b.device]);
  }

  binding(device: string, id: number): IommuBinding | undefined {
    return this.iommu.get(`${id}:${device}`);
  }

  removeBinding(device: string, id: number): IommuBinding | undefined {
    const key = `${id}:${device}`;
    const b = this.iommu.get(key);
    if (!b) return undefined;
    this.iommu.delete(key);
    const devs = (this.iommuById.get(id) ?? []).filter((d) => d !== device);
    if (devs.length) this.iommuById.set(id, devs);
    else this.iommuById.delete(id);
    return b;
  }

  bindingsOf(id: number): IommuBinding[] {
    return (this.iommuById.get(id) ?? []).map((d) => this.iommu.get(`${id}:${d}`)!);
  }

  /**
   * What the VT-d driver, KVM and the device model hold for `id` (all of it, or with
   * `exceptGen` only what an allocation other than that one left), as the ID inspector and
   * the reuse check name it.
   */
  holders(id: number, exceptGen?: number): string[] {
    const other = (gen: number) => exceptGen === undefined || gen !== exceptGen;
    const out: string[] = [];
    for (const b of this.bindingsOf(id)) if (other(b.gen)) out.push(`the VT-d driver's binding on ${b.device}`);
    const k = this.kvm.get(id);
    if (k && other(k.gen)) out.push(`KVM's VMCS PASID translation (gPASID ${k.gpasid})`);
    const v = this.vdcm.get(id);
    if (v && other(v.gen)) out.push('the device model (VDCM) programming');
    return out;
  }

  /**
   * A copy sharing the binding, KVM and VDCM records and the per-ID device arrays (all are
   * replaced, never changed in place); mm records are changed in place, so they are copied.
   */
  clone(): Holdings {
    // Not through the constructor: its field initialisers would build six maps to drop.
    const h = Object.create(Holdings.prototype) as Holdings;
    h.iommu = new Map(this.iommu);
    h.iommuById = new Map(this.iommuById);
    h.kvm = new Map(this.kvm);
    h.vdcm = new Map(this.vdcm);
    h.mms = new Map();
    for (const [k, v] of this.mms) h.mms.set(k, { ...v, devices: [...v.devices] });
    h.owners = this.owners;
    return h;
  }
}
