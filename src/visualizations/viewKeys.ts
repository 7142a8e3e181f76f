// A view's own keys while it has focus, as the `?` sheet lists them: the key, then what it does.
export type ViewKeys = readonly (readonly [key: string, what: string])[];
