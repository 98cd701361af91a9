import { Fragment, type ReactNode } from 'react'
import type { MessageParams } from '../shared/i18n/translator'
import type { MessageKey } from '../shared/i18n/window-catalogs'
import type { WindowTranslator } from './i18n/I18n'

/** Private-use characters around a placeholder's index; they never occur in a catalog. */
const OPEN = '\uE000'
const CLOSE = '\uE001'
const MARKER = new RegExp(`${OPEN}(\\d+)${CLOSE}`)

/**
 * A message with elements in it (an address in bold, a path in <code>): the translation decides
 * where each one goes, and the elements stay React nodes rather than text pasted into HTML.
 * `elements` fill the placeholders of the same name; `params` fill the others as `t` does.
 */
export function richText(
  t: WindowTranslator,
  key: MessageKey,
  elements: Readonly<Record<string, ReactNode>>,
  params: MessageParams = {},
): ReactNode {
  const names = Object.keys(elements)
  const marked: Record<string, string | number | Date | boolean> = { ...params }
  names.forEach((name, index) => {
    marked[name] = `${OPEN}${index}${CLOSE}`
  })
  const parts = t.t(key, marked).split(MARKER)
  // split() with one capture group alternates text and the captured index.
  return parts.map((part, index) =>
    index % 2 === 0 ? (
      part
    ) : (
      <Fragment key={`${names[Number(part)]}-${index}`}>{elements[names[Number(part)]]}</Fragment>
    ),
  )
}
