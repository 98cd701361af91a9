import type { AddressProblem } from '../shared/addresses'
import type { WindowTranslator } from './i18n/I18n'

/** Why an entry is not an address, in the window's language (`composer.address.<code>`). */
export function addressProblemText(t: WindowTranslator, problem: AddressProblem): string {
  return t.t(`composer.address.${problem.code}`, problem.params)
}
