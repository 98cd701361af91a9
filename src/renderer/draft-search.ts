// Finding and ordering drafts in the window, over their list lines (subject, recipients, From,
// and the snippet of the body), at each key press; main searches whole bodies (`drafts.search`).
import type { DraftSummary } from '../shared/domain'
import { holdsWords, searchWords } from '../shared/search-words'

/** How the drafts list is ordered: by last change, newest or oldest first. */
export type DraftOrder = 'newest' | 'oldest'

/** Whether the draft's list line holds every word of the query. */
export function draftMatches(draft: DraftSummary, words: readonly string[]): boolean {
  return holdsWords([draft.subject, ...draft.to, draft.from ?? '', draft.snippet].join('\n'), words)
}

/**
 * The drafts that match `query` on their list line, or whose id main found in the whole body
 * (`bodyMatches`), in `order` (by last change; ties by id, so the order is stable).
 */
export function findDrafts(
  drafts: readonly DraftSummary[],
  query: string,
  order: DraftOrder,
  bodyMatches: ReadonlySet<string> = new Set(),
): DraftSummary[] {
  const words = searchWords(query)
  const sign = order === 'newest' ? -1 : 1
  return drafts
    .filter((draft) => bodyMatches.has(draft.id) || draftMatches(draft, words))
    .sort((a, b) => sign * a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id))
}
