// How drafts are searched, the same in the window (over list lines) and in main (over bodies).

/** Lower case, without accents, so "jose" finds "José" and "ACME" finds "acme". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase()
}

/** The query's words, folded; a draft matches when it holds every one. */
export function searchWords(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter(Boolean)
}

/** Whether `text` (folded or not) holds every one of `words` (from {@link searchWords}). */
export function holdsWords(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return true
  const folded = foldForSearch(text)
  return words.every((word) => folded.includes(word))
}
