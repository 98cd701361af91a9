import type { LanguageState } from '../../shared/domain'
import type { Logger } from '../log'
import { errorFields } from '../log'
import { mainTranslator, type MainTranslator } from './translate'

/** What {@link followLanguage} needs of the preferences. */
export interface LanguageSource {
  language(): LanguageState
  onLanguageChanged(listener: (state: LanguageState) => void): () => void
}

/**
 * Calls `apply` with main's translator for the app's language now and again at once after each
 * change (the menus, the spell checker). A failure is logged, never thrown into the change that
 * the person asked for and that is already on disk. Answers a function that stops following.
 */
export function followLanguage(
  source: LanguageSource,
  apply: (t: MainTranslator) => void,
  log: Pick<Logger, 'warn'>,
): () => void {
  const run = (state: LanguageState): void => {
    try {
      apply(mainTranslator(state.active))
    } catch (error) {
      log.warn('Could not apply the language to the menus', errorFields(error))
    }
  }
  run(source.language())
  return source.onLanguageChanged(run)
}
