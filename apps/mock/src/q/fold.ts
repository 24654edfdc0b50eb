// Case-insensitive matching: values and patterns go through this one fold, whatever the pattern's shape.
// Each character is lower-cased on its own (String#toLowerCase), so a character stays one character and `?`
// still counts characters: ẞ and ß are one letter (ẞtraß? matches "ẞtraße"), but ß is not "ss". A character whose
// lower case is longer (İ) stays as it is; the final sigma ς folds to σ, as Unicode's case folding does.

const ascii = /^[ -~\t\n\r]*$/; // printable ASCII and common white space: toLowerCase is exact on it
// Characters seen so far; bounded, so values full of rare characters cannot grow it without end.
const folded = new Map<string, string>();
const maxFolded = 10_000;

function foldCharacter(character: string): string {
  let result = folded.get(character);
  if (result === undefined) {
    const lower = character.toLowerCase();
    result = character === "ς" ? "σ" : lower.length === character.length ? lower : character;
    if (folded.size < maxFolded) folded.set(character, result);
  }
  return result;
}

/** The case-folded form of `text`; the same length in characters. */
export function fold(text: string): string {
  if (ascii.test(text)) return text.toLowerCase();
  let result = "";
  for (const character of text) result += foldCharacter(character);
  return result;
}
