// Names of the wide format's rating columns, shared by the exports and the
// import that reads them back.

/** After a reverse-scored item's key: the usual codebook mark for a recoded item (its values are L + 1 − x). */
export const reverseMark = "_R";

/** A wide column's item part: the key, with the mark after a reverse-scored item's. */
export function wideColumnStem(key: string, reverse: boolean): string {
  return reverse ? `${key}${reverseMark}` : key;
}
