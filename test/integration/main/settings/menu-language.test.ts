// The native menus follow the app's language at once: main.ts builds the menu from
// followLanguage's translator, which these tests drive with the real preferences.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { MenuItemConstructorOptions } from 'electron'
import { followLanguage } from '../../../../src/main/i18n/follow-language'
import { menuTemplate } from '../../../../src/main/menu-template'
import { Preferences } from '../../../../src/main/settings/preferences'
import { tempDir } from '../../../helpers/temp-dir'

const labels = (template: MenuItemConstructorOptions[]) => template.map((item) => item.label)

test('the menu is built in the system’s language and again at once on each change', async (t) => {
  const preferences = await Preferences.open({
    dataDir: await tempDir(t),
    systemLanguages: ['es-MX'],
  })
  const built: (string | undefined)[][] = []
  const warnings: string[] = []
  const stop = followLanguage(
    preferences,
    (words) =>
      built.push(
        labels(
          menuTemplate(
            { isPackaged: true, platform: 'linux', t: words },
            { openLogFolder: () => {}, composerAction: () => {} },
          ),
        ),
      ),
    { warn: (message) => warnings.push(message) },
  )
  assert.deepEqual(built, [['Archivo', 'Edición', 'Mensaje', 'Ver', 'Ventana', 'Ayuda']])
  await preferences.setLanguage('pt-BR')
  assert.deepEqual(built.at(-1), ['Arquivo', 'Editar', 'Mensagem', 'Exibir', 'Janela', 'Ajuda'])
  await preferences.setLanguage(null)
  assert.deepEqual(built.at(-1), ['Archivo', 'Edición', 'Mensaje', 'Ver', 'Ventana', 'Ayuda'])
  await preferences.setLanguage('en')
  assert.deepEqual(built.at(-1), ['File', 'Edit', 'Message', 'View', 'Window', 'Help'])
  assert.equal(built.length, 4)
  stop()
  await preferences.setLanguage('es')
  assert.equal(built.length, 4, 'stopped following')
  assert.deepEqual(warnings, [])
})

test('a menu that cannot be built is logged and the language still changes', async (t) => {
  const preferences = await Preferences.open({ dataDir: await tempDir(t), systemLanguages: ['en'] })
  const warnings: string[] = []
  let calls = 0
  followLanguage(
    preferences,
    () => {
      calls += 1
      if (calls > 1) throw new Error('no menu today')
    },
    { warn: (message) => warnings.push(message) },
  )
  const state = await preferences.setLanguage('pt-BR')
  assert.equal(state.active, 'pt-BR')
  assert.equal(preferences.language().active, 'pt-BR')
  assert.equal(calls, 2)
  assert.deepEqual(warnings, ['Could not apply the language to the menus'])
})
