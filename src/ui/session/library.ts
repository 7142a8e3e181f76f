// The built-in scenarios of scenarios/*.ioasid, bundled as raw text. The app opens
// rcu-free-bug.ioasid first; a missing file only shrinks the list.

const files = import.meta.glob('/scenarios/*.ioasid', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const DEFAULT_SCENARIO = 'rcu-free-bug.ioasid';

export interface LibraryEntry {
  name: string;
  title: string;
  text: string;
}

/** The text of a scenario's `title "…"` line, unescaped; undefined without one. */
export function titleInText(text: string): string | undefined {
  const m = /^\s*title\s+"((?:[^"\\]|\\.)*)"/m.exec(text);
  return m ? m[1].replace(/\\(["\\])/g, '$1') : undefined;
}

function titleOf(text: string, name: string): string {
  return titleInText(text) ?? name.replace(/\.ioasid$/, '');
}

export const LIBRARY: readonly LibraryEntry[] = Object.entries(files)
  .map(([path, text]) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return { name, title: titleOf(text, name), text };
  })
  .sort((a, b) => (a.name === DEFAULT_SCENARIO ? -1 : b.name === DEFAULT_SCENARIO ? 1 : a.title.localeCompare(b.title)));

/** A scenario to start with even when scenarios/ is empty. */
const FALLBACK: LibraryEntry = {
  name: 'untitled.ioasid',
  title: 'A first scenario',
  text: 'title "A first scenario"\nmodel v1\n\nnote "Allocate a set for a VM, then one PASID in it."\nset vm1 quota=8\nalloc vm1 -> g1\nexpect ok\nfree g1\n',
};

export function defaultScenario(): LibraryEntry {
  return LIBRARY.find((e) => e.name === DEFAULT_SCENARIO) ?? LIBRARY[0] ?? FALLBACK;
}

export function findScenario(name: string): LibraryEntry | undefined {
  return LIBRARY.find((e) => e.name === name);
}

/** Whether a text is the user's own (not an unedited library scenario): replacing it loses work. */
export function isOwnWork(w: { name: string; text: string }): boolean {
  const entry = findScenario(w.name);
  return w.text.trim() !== '' && (!entry || entry.text !== w.text);
}
