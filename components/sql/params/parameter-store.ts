// The values typed into the parameter inputs, per tab, kept in localStorage so they come back
// after a reload (apart from the tabs' own store, which only knows the SQL). One small JSON
// object; a subscribable snapshot for useSyncExternalStore.
import type { ParameterValue, ParameterValues } from "./parameters";

const KEY = "portal.sql.parameters.v1";
type AllValues = Readonly<Record<string, ParameterValues>>;
const EMPTY: ParameterValues = Object.freeze({});

export class ParameterStore {
  private values: AllValues;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Pick<Storage, "getItem" | "setItem"> | null) {
    this.values = read(storage);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  valuesOf = (tabId: string): ParameterValues => this.values[tabId] ?? EMPTY;

  set(tabId: string, name: string, value: ParameterValue): void {
    this.values = { ...this.values, [tabId]: { ...this.valuesOf(tabId), [name]: value } };
    this.save();
  }

  /** A closed tab's values go with it. */
  forget(tabId: string): void {
    if (!(tabId in this.values)) return;
    const { [tabId]: _gone, ...rest } = this.values;
    this.values = rest;
    this.save();
  }

  private save(): void {
    try {
      this.storage?.setItem(KEY, JSON.stringify(this.values));
    } catch {
      // Storage full or denied: the values still hold for this page.
    }
    for (const listener of this.listeners) listener();
  }
}

function read(storage: Pick<Storage, "getItem"> | null): AllValues {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? "{}");
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as AllValues) : {};
  } catch {
    return {};
  }
}

let browserStore: ParameterStore | null = null;
export function parameterStore(): ParameterStore {
  browserStore ??= new ParameterStore(typeof localStorage === "undefined" ? null : localStorage);
  return browserStore;
}
