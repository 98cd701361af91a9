import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { MenuItemConstructorOptions } from 'electron'
import { editItems, menuTemplate, type MenuActions } from '../../../src/main/menu-template'
import { acceleratorOf, SHORTCUT_ACTIONS, type ShortcutAction } from '../../../src/shared/shortcuts'
import { mainTranslator } from '../../../src/main/i18n/translate'
import { LANGUAGES } from '../../../src/shared/i18n/languages'

/** Every item in the menu, submenus included. */
function items(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu as MenuItemConstructorOptions[]) : []),
  ])
}

const roles = (template: readonly MenuItemConstructorOptions[]): string[] =>
  items(template).flatMap((item) => (item.role ? [item.role] : []))

const noAction: MenuActions = { openLogFolder: () => undefined, composerAction: () => undefined }
const en = mainTranslator('en')
const menuIn = (
  platform: NodeJS.Platform,
  language: (typeof LANGUAGES)[number] = 'en',
  isPackaged = true,
  actions = noAction,
) => menuTemplate({ isPackaged, platform, t: mainTranslator(language) }, actions)

test('a packaged build has no Developer Tools and no reload', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    const present = roles(menuIn(platform))
    for (const role of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu']) {
      assert.ok(!present.includes(role), `${role} on ${platform}`)
    }
    assert.ok(present.includes('zoomIn') && present.includes('togglefullscreen'))
  }
})

test('a development run keeps Developer Tools and reload', () => {
  const present = roles(menuIn('linux', 'en', false))
  for (const role of ['toggleDevTools', 'reload', 'forceReload']) {
    assert.ok(present.includes(role), role)
  }
})

test('the menus are File (App on macOS), Edit, Message, View, Window and Help', () => {
  const top = (platform: NodeJS.Platform): string[] =>
    menuIn(platform).map((item) => item.role ?? item.label ?? '?')
  assert.deepEqual(top('linux'), ['fileMenu', 'editMenu', 'Message', 'View', 'windowMenu', 'help'])
  assert.deepEqual(top('darwin'), ['appMenu', 'editMenu', 'Message', 'View', 'windowMenu', 'help'])
  assert.deepEqual(
    menuIn('linux').map((item) => item.label),
    ['File', 'Edit', 'Message', 'View', 'Window', 'Help'],
  )
})

test('the menus speak Portuguese and Spanish, and the roles stay', () => {
  assert.deepEqual(
    menuIn('linux', 'pt-BR').map((item) => item.label),
    ['Arquivo', 'Editar', 'Mensagem', 'Exibir', 'Janela', 'Ajuda'],
  )
  assert.deepEqual(
    menuIn('win32', 'es').map((item) => item.label),
    ['Archivo', 'Edición', 'Mensaje', 'Ver', 'Ventana', 'Ayuda'],
  )
  const edit = (language: (typeof LANGUAGES)[number]) =>
    (menuIn('linux', language)[1]!.submenu as MenuItemConstructorOptions[])
      .filter((item) => item.type !== 'separator')
      .map((item) => `${item.role}:${item.label}`)
  assert.deepEqual(edit('pt-BR'), [
    'undo:Desfazer',
    'redo:Refazer',
    'cut:Recortar',
    'copy:Copiar',
    'paste:Colar',
    'delete:Excluir',
    'selectAll:Selecionar tudo',
  ])
  assert.deepEqual(edit('es'), [
    'undo:Deshacer',
    'redo:Rehacer',
    'cut:Cortar',
    'copy:Copiar',
    'paste:Pegar',
    'delete:Eliminar',
    'selectAll:Seleccionar todo',
  ])
  const macApp = menuIn('darwin', 'pt-BR')[0]!.submenu as MenuItemConstructorOptions[]
  assert.equal(macApp.find((item) => item.role === 'quit')?.label, 'Encerrar o Postline')
  assert.equal(
    (menuIn('darwin', 'es')[0]!.submenu as MenuItemConstructorOptions[]).find(
      (item) => item.role === 'about',
    )?.label,
    'Acerca de Postline',
  )
})

test('every item has a label in every language, never a key nor a placeholder', () => {
  for (const language of LANGUAGES) {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      for (const isPackaged of [true, false]) {
        const all = items(menuIn(platform, language, isPackaged)).filter(
          (item) => item.type !== 'separator',
        )
        const englishRoles = items(menuIn(platform, 'en', isPackaged)).map((item) => item.role)
        assert.deepEqual(
          items(menuIn(platform, language, isPackaged)).map((item) => item.role),
          englishRoles,
          `${language} ${platform}: the same roles as English`,
        )
        for (const item of all) {
          const label = item.label ?? ''
          assert.ok(label !== '', `${language} ${platform} ${item.role}: a label`)
          assert.ok(!/^menu\.|[{}]/.test(label), `${language} ${platform}: ${label}`)
        }
      }
    }
  }
})

test('Help ▸ Open log folder is in every build and language, and opens the log folder', () => {
  const expected = {
    en: 'Open log folder',
    'pt-BR': 'Abrir pasta de logs',
    es: 'Abrir carpeta de registros',
  }
  for (const language of LANGUAGES) {
    for (const isPackaged of [true, false]) {
      let opened = 0
      const menu = menuIn('linux', language, isPackaged, {
        ...noAction,
        openLogFolder: () => {
          opened += 1
        },
      })
      const help = menu.find((item) => item.role === 'help')
      assert.ok(help && Array.isArray(help.submenu))
      const item = (help.submenu as MenuItemConstructorOptions[]).find(
        (entry) => entry.label === expected[language],
      )
      assert.ok(item?.click, `Open log folder (${language}, packaged: ${isPackaged})`)
      ;(item.click as () => void)()
      assert.equal(opened, 1)
    }
  }
})

test('Cut, Copy and Paste keep their roles', () => {
  assert.deepEqual(
    editItems(en).map((item) => `${item.role}:${item.label}`),
    ['cut:Cut', 'copy:Copy', 'paste:Paste'],
  )
})

test('every composer action is in the menus, in every language, with its accelerator, and a click asks the window to run it', () => {
  const helpShortcuts = {
    en: 'Keyboard Shortcuts',
    'pt-BR': 'Atalhos de teclado',
    es: 'Atajos de teclado',
  }
  for (const language of LANGUAGES) {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const asked: ShortcutAction[] = []
      const menu = menuIn(platform, language, true, {
        ...noAction,
        composerAction: (action) => asked.push(action),
      })
      const withAccelerators = items(menu).filter((item) => item.accelerator !== undefined)
      // One item per action, in the table's order: the Message menu's, then Help's sheet.
      assert.deepEqual(
        withAccelerators.map((item) => item.accelerator),
        SHORTCUT_ACTIONS.map(acceleratorOf),
        `${language} ${platform}`,
      )
      for (const item of withAccelerators) {
        // The window handles the keys; the menu only shows them.
        assert.equal(item.registerAccelerator, false, `${language} ${platform} ${item.label}`)
        ;(item.click as () => void)()
      }
      assert.deepEqual(asked, [...SHORTCUT_ACTIONS])
      const labels = withAccelerators.map((item) => item.label)
      assert.equal(new Set(labels).size, labels.length, `${language}: one label per action`)

      const message = menu[2]!.submenu as MenuItemConstructorOptions[]
      assert.deepEqual(
        message.map((item) => item.accelerator),
        SHORTCUT_ACTIONS.filter((action) => action !== 'shortcuts').map(acceleratorOf),
      )
      const help = menu.find((item) => item.role === 'help')!
        .submenu as MenuItemConstructorOptions[]
      assert.equal(help[0]!.label, helpShortcuts[language])
      assert.equal(help[0]!.accelerator, 'CmdOrCtrl+/')
    }
  }
  const message = (language: (typeof LANGUAGES)[number]) =>
    (menuIn('linux', language)[2]!.submenu as MenuItemConstructorOptions[]).map(
      (item) => `${item.label} ${item.accelerator}`,
    )
  assert.deepEqual(message('en'), [
    'Send CmdOrCtrl+Enter',
    'Send Later… CmdOrCtrl+Shift+Enter',
    'Show Cc CmdOrCtrl+Shift+C',
    'Show Bcc CmdOrCtrl+Shift+B',
    'Attach Files… CmdOrCtrl+Shift+A',
    'Insert Template… CmdOrCtrl+Shift+T',
    'Insert Link… CmdOrCtrl+K',
    'Switch Rich Text / Plain Text CmdOrCtrl+Shift+P',
    'Next Account CmdOrCtrl+Shift+]',
    'Previous Account CmdOrCtrl+Shift+[',
  ])
  assert.equal(message('pt-BR')[3], 'Mostrar Cco CmdOrCtrl+Shift+B')
  assert.equal(message('es')[5], 'Insertar plantilla… CmdOrCtrl+Shift+T')
})
