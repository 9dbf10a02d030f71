/** A namespace of messages: flat keys (dots are part of the key), i18next `{{var}}` interpolation. */
export type Catalogue = Readonly<Record<string, string>>;

/** A key without its i18next plural suffix (`firms_one` → `firms`). */
type BaseKey<K> = K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}`
  ? B
  : K;

/**
 * Another language's version of catalogue `C`: every key of `C` (plural forms may differ:
 * Chinese has only `_other`), and nothing else.
 */
export type CatalogueOf<C extends Catalogue> = {
  readonly [K in BaseKey<keyof C & string> as K extends keyof C ? K : `${K}_other`]: string;
};
