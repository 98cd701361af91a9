import { useT } from '../i18n/I18n'
import { richText } from '../rich-text'

/** The scopes Postline asks for, as Google's console names them (identifiers, not words). */
const SCOPES = {
  openid: 'openid',
  email: 'email',
  profile: 'profile',
  send: 'gmail.send',
} as const

/** How to make the Google client Postline needs for real accounts (README: "Using a real Google account"). */
export function GoogleClientHelp() {
  const t = useT()
  return (
    <ol className="steps">
      <li>
        {richText(t, 'settings.help.step1', {
          api: <strong>{t.t('settings.help.gmailApi')}</strong>,
        })}
      </li>
      <li>
        {richText(t, 'settings.help.step2', {
          screen: <strong>{t.t('settings.help.consentScreen')}</strong>,
          openid: <code>{SCOPES.openid}</code>,
          email: <code>{SCOPES.email}</code>,
          profile: <code>{SCOPES.profile}</code>,
          send: <code>{SCOPES.send}</code>,
        })}
      </li>
      <li>
        {richText(t, 'settings.help.step3', {
          credentials: <strong>{t.t('settings.help.credentials')}</strong>,
          desktopApp: <strong>{t.t('settings.help.desktopApp')}</strong>,
        })}
      </li>
      <li>{t.t('settings.help.step4')}</li>
    </ol>
  )
}
